/** Judging a period: the facts a session works on, the verdicts, alerts and explanations it yields. */
package cn.jinhua.ducha.evaluation;
