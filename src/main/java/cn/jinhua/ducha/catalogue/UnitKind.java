package cn.jinhua.ducha.catalogue;

/** What a reporting unit is: a county-level unit, the city's departments, or the province (benchmark only). */
public enum UnitKind {
    LOCAL, CITY, PROVINCE
}
