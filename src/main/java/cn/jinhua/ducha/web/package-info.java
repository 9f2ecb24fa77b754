/** {@code ducha serve}: the HTTP API over the same judging, store and supervision as the command line, with roles. */
package cn.jinhua.ducha.web;
