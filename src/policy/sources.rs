//! The sources every value cites (ids follow `shared/policy-digest.md` § 10; S39 on are § 11's).
//! Many official texts could be reached only through reprints on sites of unknown standing. Those
//! are evidence for the book, not links for a citizen (digest § 11.7): a source keeps a `url` only
//! when its host is an official government host (ending in `gov.cn`); every other source is cited
//! as text — issuer, title or 文号, date — with an empty `url` (written `"url": null`).
//! `tests/policy.rs` checks it.

use super::{Grade::*, Source};
use crate::date::d;

pub static SOURCES: &[Source] = &[
    Source { id: "S1", issuer: "国务院办公厅", title: "国办发〔2021〕14号《国务院办公厅关于建立健全职工基本医疗保险门诊共济保障机制的指导意见》（2021-04-22 新闻转载）", date: Some(d(2021, 4, 22)), date_text: "2021-04-22", url: "", grade: VMedia },
    Source { id: "S2", issuer: "央广网", title: "门诊共济保障机制征求意见稿报道", date: Some(d(2020, 8, 26)), date_text: "2020-08-26", url: "", grade: VMedia },
    Source { id: "S3", issuer: "四川省医疗保障局", title: "经办服务常见问题（职工医保个人账户共济）", date: Some(d(2025, 7, 4)), date_text: "2025-07-04", url: "http://ylbzj.sc.gov.cn/scsybj/nc030603/2025/7/4/30cd35203b134f4eac35d0c21f108564.shtml", grade: VOff },
    Source { id: "S4", issuer: "国务院办公厅", title: "国办发〔2024〕38号《国务院办公厅关于健全基本医疗保险参保长效机制的指导意见》（全文转载）", date: Some(d(2024, 8, 3)), date_text: "2024-08-03（媒体报道印发日）", url: "", grade: VMedia },
    Source { id: "S5", issuer: "央视新闻", title: "国办发〔2024〕38号印发：共济范围扩大至近亲属，年底前省内跨统筹区共济", date: Some(d(2024, 8, 3)), date_text: "2024-08-03", url: "", grade: VMedia },
    Source { id: "S6", issuer: "新华社（国家医保局、财政部《关于做好职工基本医疗保险个人账户跨省共济工作的通知》）", title: "再扩围！医保个人账户跨省共济提速", date: Some(d(2026, 1, 9)), date_text: "2026-01-09", url: "", grade: VMedia },
    Source { id: "S7", issuer: "新浪财经 / 人民日报", title: "职工医保个人账户将实现跨省共济", date: Some(d(2026, 1, 9)), date_text: "2026-01-09", url: "", grade: VMedia },
    Source { id: "S8", issuer: "国家医保局（无锡日报·江南晚报转载）", title: "截至12月9日，全国所有省份已将共济范围扩大至近亲属", date: Some(d(2024, 12, 26)), date_text: "2024-12-26", url: "", grade: VMedia },
    Source { id: "S9", issuer: "国家医保局（问答转载）", title: "亲情账户与家庭共济的区别；钱可以共济，卡不能共用", date: Some(d(2024, 10, 5)), date_text: "2024-10-05", url: "", grade: VMedia },
    Source { id: "S10", issuer: "长江云", title: "18省份已将医保共济范围扩大至近亲属", date: Some(d(2024, 10, 30)), date_text: "2024-10-30", url: "", grade: VMedia },
    Source { id: "S11", issuer: "央视新闻", title: "医保钱包使用指南", date: Some(d(2025, 9, 22)), date_text: "2025-09-22", url: "", grade: VMedia },
    Source { id: "S12", issuer: "烟台晚报（国家医保局）", title: "医保钱包规则：每笔不超过2000元、每日3笔、22时至次日6时暂停", date: Some(d(2025, 9, 18)), date_text: "2025-09-18", url: "", grade: VMedia },
    Source { id: "S13", issuer: "央视网", title: "22个省份和新疆生产建设兵团已实现省内异地共济", date: Some(d(2024, 5, 18)), date_text: "2024-05-18", url: "", grade: VMedia },
    Source { id: "S14", issuer: "人民网", title: "25个省份和兵团已实现省内跨统筹区共济（名单）", date: Some(d(2024, 8, 28)), date_text: "2024-08-28", url: "", grade: VMedia },
    Source { id: "S15", issuer: "常熟市医疗保障局", title: "亲情账户OR家庭共济？分清楚，才能用对！", date: Some(d(2025, 3, 7)), date_text: "2025-03-07", url: "", grade: VOff },
    Source { id: "S16", issuer: "佛山新闻网（国家医保局数据）", title: "2024年省内共济3.71亿人次；跨省共济试点11省41统筹区", date: None, date_text: "2025-01", url: "", grade: VMedia },
    Source { id: "S17", issuer: "政府部门答复群众来信（论坛转帖，原件未见）", title: "亲情账户：16周岁以下材料绑定、无需同一户口本、人脸核验", date: None, date_text: "2023-10", url: "", grade: VMedia },
    Source { id: "S18", issuer: "人民日报（河北经济日报转载）", title: "2025年个人账户共济4.64亿人次、687.7亿元；即时调用与医保钱包", date: Some(d(2026, 1, 31)), date_text: "2026-01-31", url: "", grade: VMedia },
    Source { id: "S19", issuer: "政通雄安（转载）", title: "家庭共济办理指南与失败原因", date: None, date_text: "未注明", url: "", grade: VOff },
    Source { id: "S20", issuer: "新邵县医疗保障局", title: "湘医保家庭共济办理步骤；跨市州共济仅限缴费；居民医保380元", date: Some(d(2023, 11, 21)), date_text: "2023-11-21", url: "https://www.xinshao.gov.cn/xsxybj/ngzdt/202311/e44c966328384c5283d2ddb1753bc3e3.shtml", grade: VOff },
    Source { id: "S21", issuer: "北京市医疗保障局（北京媒体）", title: "2022年12月1日起职工医保个人账户家庭共济；扣款顺序；冒名就医警示", date: Some(d(2022, 10, 19)), date_text: "2022-10-19", url: "", grade: VMedia },
    Source { id: "S22", issuer: "中国青年报", title: "浙江：个人账户历年资金可用于家庭成员", date: Some(d(2017, 1, 10)), date_text: "2017-01-10", url: "", grade: VMedia },
    Source { id: "S23", issuer: "新安晚报", title: "合肥：历年结余可家庭共济；购买商业保险需余额3000元以上", date: None, date_text: "未注明", url: "", grade: VMedia },
    Source { id: "S24", issuer: "莆田医保（内容站转载，原件未见）", title: "家庭共济账户与亲情账户：余额超过2000元方可创建；每人只能加入一个", date: Some(d(2024, 3, 6)), date_text: "2024-03-06", url: "", grade: VWeak },
    Source { id: "S25", issuer: "成都（转载）", title: "办理家庭共济后就医购药使用谁的医保卡", date: None, date_text: "未注明", url: "", grade: VMedia },
    Source { id: "S26", issuer: "上海市医保（小社宝转载2022年指引，原件未见）", title: "家庭共济网：历年账户有结余；共济支付与共济缴费", date: None, date_text: "2022", url: "", grade: VWeak },
    Source { id: "S27", issuer: "广东（绿色陈村等转载）", title: "粤医保“亲情账号”绑定（家庭共济）", date: Some(d(2023, 2, 15)), date_text: "2023-02-15", url: "", grade: VMedia },
    Source { id: "S28", issuer: "温州（内容站转载，原件未见）", title: "家庭共济网与共济健康账户", date: None, date_text: "未注明", url: "", grade: VWeak },
    Source { id: "S29", issuer: "湖南省医保（湘医保通知的解读，未注明日期，原件未见）", title: "可同时绑定10名近亲属，累计最多可绑定20名", date: None, date_text: "未注明", url: "", grade: VWeak },
    Source { id: "S30", issuer: "江苏医保云（内容站转载，原件未见）", title: "家庭共济绑定流程：配偶确认授权、承诺书、解除绑定", date: None, date_text: "2023", url: "", grade: VWeak },
    Source { id: "S31", issuer: "江苏医保云（内容站转载，原件未见）", title: "绑定的家庭成员都在我省除南京外正常参保", date: None, date_text: "2023-11", url: "", grade: VWeak },
    Source { id: "S32", issuer: "江苏省医疗保障局等12部门", title: "苏医保发〔2025〕26号（文件头；内容据第三方摘要）", date: Some(d(2025, 6, 30)), date_text: "2025-06-30", url: "https://ybj.jiangsu.gov.cn/art/2025/6/30/art_74036_11604136.html", grade: VOff },
    Source { id: "S33", issuer: "厦门12345（非官方转述）", title: "参保人仅可存在一个家庭账户；停缴的创建人不能邀请成员", date: None, date_text: "未注明", url: "", grade: VWeak },
    Source { id: "S34", issuer: "漳州本地宝", title: "亲情账户支持全国不同参保地的家庭成员添加", date: Some(d(2024, 11, 25)), date_text: "2024-11-25", url: "", grade: VMedia },
    Source { id: "S35", issuer: "国家医保服务平台APP绑定方法（转载）", title: "亲情账户添加：身份证号或出生医学证明", date: Some(d(2023, 8, 23)), date_text: "2023-08-23", url: "", grade: VMedia },
    Source { id: "S36", issuer: "山东第一医科大学第三附属医院", title: "支付宝亲情账户：16周岁及以下凭出生证明或户口本，16周岁以上刷脸，最多5人", date: Some(d(2024, 8, 16)), date_text: "2024-08-16", url: "", grade: VMedia },
    Source { id: "S37", issuer: "武汉市人民政府", title: "医保个人账户家庭共济专题：亲情账户最多绑定5人，成员可被多名亲人绑定", date: Some(d(2023, 10, 17)), date_text: "2023-10-17", url: "https://www.wuhan.gov.cn/ztzl/ztfw/ybgrzhjtgj/czzn/202310/t20231017_2281112.shtml", grade: VOff },
    Source { id: "S38", issuer: "黑龙江共济办理流程（非官方页面）", title: "龙江医保：选择授权期限、居民参保个账代缴", date: None, date_text: "未注明", url: "", grade: VWeak },
    Source { id: "S39", issuer: "新华社英文稿 / 人民网英文版", title: "All provincial regions have implemented personal-account sharing within their respective areas（全国所有省份已实现省内跨统筹区个人账户共济）", date: Some(d(2024, 12, 27)), date_text: "2024-12-27", url: "", grade: VMedia },
    Source { id: "S40", issuer: "证券时报", title: "跨省共济：共济额度实行前，经国家医保服务平台APP医保钱包转账（双方开通钱包；每笔不超过2000元、每日3笔、22时至次日6时暂停）", date: Some(d(2026, 1, 11)), date_text: "2026-01-11", url: "", grade: VMedia },
    Source { id: "S41", issuer: "国家医保局（据非官方报道，原件未见）", title: "《职工基本医疗保险个人账户跨省共济经办规程（试行）》（名称未核实）：约自2026年6月起按共济额度跨省共济", date: None, date_text: "2026-06（报道，未核实）", url: "", grade: VWeak },
    Source { id: "S42", issuer: "支付宝、微信医保电子凭证“亲情账户”页面说明（武汉新闻网等媒体转载）", title: "每个家庭成员在自然月内仅可被2个绑定人有效绑定；每个绑定人在自然月内全渠道最多可绑定5个", date: None, date_text: "未注明", url: "", grade: VMedia },
    Source { id: "PRODUCT", issuer: "yibao-family（本工具的产品假设，不是政策）", title: "由成年人（18周岁以上，参照《民法典》第十七条）绑定亲情账户；60周岁以上、不清楚能否用手机的家人按可能需要他人帮忙出示医保码判断", date: None, date_text: "2026-12", url: "", grade: Assumed },
    Source { id: "SEED0", issuer: "健康新闻（内容聚合站，seed 000）", title: "2025黑龙江牡丹江/哈尔滨医保门诊统筹报销标准（未经核实）", date: Some(d(2025, 3, 17)), date_text: "2025-03-17", url: "", grade: VWeak },
    Source { id: "CIVIL", issuer: "全国人民代表大会", title: "《中华人民共和国民法典》第一千零四十五条（近亲属）", date: Some(d(2020, 5, 28)), date_text: "2020-05-28", url: "", grade: VOff },
];

pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

