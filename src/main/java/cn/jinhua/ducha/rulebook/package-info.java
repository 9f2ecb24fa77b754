/** Turns {@code rules/} into one compiled KieBase with its content hash, or refuses with every compiler error. */
package cn.jinhua.ducha.rulebook;
