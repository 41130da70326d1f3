const zh = {
  app: { name: '木棉', tagline: '教育集团教学资源云', language: 'English', signOut: '退出登录', home: '首页' },
  login: {
    title: '登录木棉',
    login: '用户名或手机号',
    password: '密码',
    submit: '登录',
    loginRequired: '请输入用户名或手机号',
    passwordRequired: '请输入密码',
  },
  roles: {
    platform_admin: '平台管理员',
    group_admin: '集团管理员',
    school_admin: '学校管理员',
    teacher: '教师',
    student: '学生',
    parent: '家长',
  },
};
export default zh;
