module.exports = () => require('./global-hooks.cjs').setup();
