/** Reading folders the same way everywhere: the sheets' folders, the rules' folder. */
package cn.jinhua.ducha.files;
