/** 看板: the dashboard's server-rendered pages (总览, 单位, 指标, 预警, 审计, 目录, 通报) behind a form login. */
package cn.jinhua.ducha.web.dashboard;
