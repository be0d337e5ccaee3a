//! Regions as GB/T 2260 six-digit codes: every provincial-level division, and the cities and
//! counties the policy digest names. A code is valid when its first two digits name a province;
//! it resolves county → city → province → national.

pub struct Region {
    pub code: u32,
    /// Catalog key suffix: names live in the message catalogs as `region.<code>`.
    pub name_key: &'static str,
}

/// The 34 provincial-level divisions of GB/T 2260. Basic medical insurance of the mainland does
/// not apply in 71 (台湾), 81 (香港), 82 (澳门): those codes are accepted and reported "not covered".
pub static PROVINCES: &[u32] = &[
    110000, 120000, 130000, 140000, 150000, 210000, 220000, 230000, 310000, 320000, 330000, 340000,
    350000, 360000, 370000, 410000, 420000, 430000, 440000, 450000, 460000, 500000, 510000, 520000,
    530000, 540000, 610000, 620000, 630000, 640000, 650000, 710000, 810000, 820000,
];

/// Provincial-level divisions outside the mainland's basic medical insurance.
pub static OUTSIDE_MAINLAND: &[u32] = &[710000, 810000, 820000];

/// Municipalities directly under the central government: one pooling region (统筹区) each.
pub static MUNICIPALITIES: &[u32] = &[110000, 120000, 310000, 500000];

/// Cities and counties named in the policy digest (each has a catalog name).
pub static NAMED: &[u32] = &[
    130100, // 石家庄
    230100, // 哈尔滨
    231000, // 牡丹江
    231100, // 黑河
    320100, // 南京
    320200, // 无锡
    320300, // 徐州
    320500, // 苏州
    320581, // 常熟
    320900, // 盐城
    330300, // 温州
    340100, // 合肥
    350200, // 厦门
    350300, // 莆田
    350600, // 漳州
    370600, // 烟台
    420100, // 武汉
    430100, // 长沙
    430500, // 邵阳
    430522, // 新邵县
    440100, // 广州
    440500, // 汕头
    440600, // 佛山
    441800, // 清远
    510100, // 成都
];

pub fn province_of(code: u32) -> u32 {
    code / 10000 * 10000
}

pub fn is_valid(code: u32) -> bool {
    (100000..=999999).contains(&code) && PROVINCES.contains(&province_of(code))
}

pub fn outside_mainland(code: u32) -> bool {
    OUTSIDE_MAINLAND.contains(&province_of(code))
}

/// The resolution chain: the code itself, its city, its province, national (0), without repeats.
pub fn levels(code: u32) -> Vec<u32> {
    let mut v = Vec::with_capacity(4);
    if code == 0 {
        v.push(0);
        return v;
    }
    v.push(code);
    let city = code / 100 * 100;
    if city != code {
        v.push(city);
    }
    let prov = province_of(code);
    if prov != city {
        v.push(prov);
    }
    v.push(0);
    v
}

/// The pooling region (统筹区) of a code, when the code says it.
/// * municipalities: the whole municipality (ASSUMED municipal-level pooling; see note.area.municipality);
/// * a province-level code of any other province: unknown (`None`);
/// * county-level cities administered directly by a province (`xx90xx`): the county itself;
/// * otherwise the prefecture-level city (first four digits).
pub fn pooling_area(code: u32) -> Option<u32> {
    let prov = province_of(code);
    if MUNICIPALITIES.contains(&prov) {
        return Some(prov);
    }
    if code == prov {
        return None;
    }
    if (code / 100) % 100 == 90 {
        return Some(code);
    }
    Some(code / 100 * 100)
}

/// The most specific named level of a code (for display): itself, its city, or its province.
pub fn display_code(code: u32) -> u32 {
    for l in levels(code) {
        if l != 0 && (NAMED.contains(&l) || PROVINCES.contains(&l)) {
            return l;
        }
    }
    province_of(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn chains() {
        assert_eq!(levels(320581), vec![320581, 320500, 320000, 0]);
        assert_eq!(levels(320500), vec![320500, 320000, 0]);
        assert_eq!(levels(320000), vec![320000, 0]);
        assert!(is_valid(320581) && is_valid(110105) && !is_valid(999999) && !is_valid(990000) && !is_valid(12345));
        assert_eq!(pooling_area(110105), Some(110000));
        assert_eq!(pooling_area(320581), Some(320500));
        assert_eq!(pooling_area(320000), None);
        assert_eq!(pooling_area(429004), Some(429004));
        assert_eq!(display_code(320581), 320581);
        assert_eq!(display_code(320583), 320500);
        assert_eq!(display_code(321000), 320000);
    }
}
