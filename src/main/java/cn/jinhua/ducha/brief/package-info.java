/**
 * 例会通报: a period's latest run and the alerts followed up since the last period, as a 督查通报 in Word and
 * Excel, or the same in English.
 */
package cn.jinhua.ducha.brief;
