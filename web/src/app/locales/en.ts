const en = {
  app: {
    name: 'Mumian',
    tagline: 'Teaching-resource cloud for education groups',
    language: '中文',
    signOut: 'Sign out',
    home: 'Home',
  },
  login: {
    title: 'Sign in to Mumian',
    login: 'Username or phone',
    password: 'Password',
    submit: 'Sign in',
    loginRequired: 'Enter your username or phone number',
    passwordRequired: 'Enter your password',
  },
  roles: {
    platform_admin: 'Platform admin',
    group_admin: 'Group admin',
    school_admin: 'School admin',
    teacher: 'Teacher',
    student: 'Student',
    parent: 'Parent',
  },
};
export default en;
