/** Keeps every sheet, refusal, ruleset and run, append-only, under an audit chain that proves nothing changed. */
package cn.jinhua.ducha.store;
