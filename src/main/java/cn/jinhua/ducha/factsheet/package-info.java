/** Reading and validating the units' monthly fact sheets, in JSON, CSV or Excel: accepted whole, or rejected whole with every reason. */
package cn.jinhua.ducha.factsheet;
