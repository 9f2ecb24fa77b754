/** The {@code ducha} command line: evaluate, validate and catalogue, for people (tables) and programs (JSON). */
package cn.jinhua.ducha.cli;
