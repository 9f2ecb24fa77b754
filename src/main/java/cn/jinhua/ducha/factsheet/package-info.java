/** Reading and validating the units' monthly fact sheets: accepted whole, or rejected whole with every reason. */
package cn.jinhua.ducha.factsheet;
