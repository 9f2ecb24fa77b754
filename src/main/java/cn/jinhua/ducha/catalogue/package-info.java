/** The plan as data: units, tasks, areas and commitments, read from {@code rules/catalogue}. */
package cn.jinhua.ducha.catalogue;
