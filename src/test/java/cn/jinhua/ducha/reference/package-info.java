/** A reference evaluator, contract.md in plain Java without Drools, and the properties that hold the rules to it. */
package cn.jinhua.ducha.reference;
