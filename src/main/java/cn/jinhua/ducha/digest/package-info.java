/** SHA-256 written as hex, the one digest the store, the rulebook and the service use. */
package cn.jinhua.ducha.digest;
