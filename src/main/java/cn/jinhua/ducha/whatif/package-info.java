/** What-if (假设推演): a period judged again with values or sheets supposed, and what would change, nothing stored. */
package cn.jinhua.ducha.whatif;
