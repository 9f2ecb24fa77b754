package cn.jinhua.ducha.catalogue;

/** One of the five environments of the plan, or its overall goals or safeguards, with its lead unit. */
public record Area(String id, String name, String lead) {
}
