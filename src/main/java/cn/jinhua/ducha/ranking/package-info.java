/** 赛马: the local units ranked overall and in each environment by a published score made from their verdicts. */
package cn.jinhua.ducha.ranking;
