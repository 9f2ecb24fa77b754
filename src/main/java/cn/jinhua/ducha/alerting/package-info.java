/** 督办: alerts followed up until closed, waivers, webhook delivery and the monthly schedule. */
package cn.jinhua.ducha.alerting;
