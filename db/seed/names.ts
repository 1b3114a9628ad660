/**
 * Realistic, made-up names in the style of the seed documents (乌海市蓝天医疗救援协会, 海南区自行车运动协会,
 * 市河南商会). No real places or people. R-A4: no 中国/全国/中华 prefix, no 第一/最高/国家级.
 */
import type { OrgType } from "../schema";
import type { Random } from "./random";

const CORES_GROUP = [
  "蓝天医疗救援",
  "自行车运动",
  "爱心",
  "书法家",
  "摄影家",
  "老年体育",
  "青年创业",
  "志愿者",
  "篮球",
  "围棋",
  "钓鱼",
  "茶文化",
  "家政服务",
  "物流",
  "餐饮",
  "律师",
  "注册会计师",
  "建筑业",
  "汽车流通",
  "电子商务",
  "文化旅游",
  "中医药",
  "心理咨询",
  "诗词",
  "音乐家",
  "舞蹈家",
  "美术家",
  "作家",
  "科普",
  "环境保护",
  "个体劳动者",
  "私营企业",
  "光彩事业",
  "慈善",
  "红十字志愿",
  "民间文艺",
  "收藏家",
  "武术",
  "太极拳",
  "足球",
  "乒乓球",
  "羽毛球",
  "游泳",
  "登山",
  "马拉松",
  "老科技工作者",
  "教育",
  "计算机",
  "农业技术",
  "畜牧兽医",
];
const HOMETOWNS = [
  "河南",
  "陕西",
  "冀",
  "东北",
  "山东",
  "浙江",
  "福建",
  "江西",
  "湖南",
  "四川",
  "安徽",
  "山西",
  "甘肃",
  "宁夏",
];
const GROUP_SUFFIX = ["协会", "协会", "协会", "学会", "研究会", "联合会", "促进会"];
const CORES_PNE = [
  "阳光",
  "启明",
  "育才",
  "晨曦",
  "康宁",
  "安馨",
  "乐龄",
  "博雅",
  "星辰",
  "同心",
  "明德",
  "仁爱",
  "和美",
  "益众",
  "新苗",
  "彩虹",
  "向日葵",
  "春晖",
  "长青",
  "福寿",
  "馨园",
  "智慧",
  "未来",
  "晨光",
];
const PNE_SUFFIX = [
  "培训学校",
  "职业培训学校",
  "幼儿园",
  "养老服务中心",
  "社会工作服务中心",
  "康复中心",
  "图书馆",
  "社区服务中心",
  "艺术培训学校",
  "残疾人康复中心",
  "青少年活动中心",
  "心理健康服务中心",
];
const FOUNDATION_BRANDS = ["", "春蕾", "阳光", "蓝天", "爱心", "黄河", "明德", "同心", "晨光", "仁和"];
const CORES_FOUNDATION = [
  "助学",
  "慈善",
  "扶贫济困",
  "文化发展",
  "教育发展",
  "青少年发展",
  "见义勇为",
  "老年福利",
  "生态保护",
  "乡村振兴",
];

export function organizationName(rnd: Random, type: OrgType, prefix: string): string {
  if (type === "foundation")
    return `${prefix}${rnd.pick(FOUNDATION_BRANDS)}${rnd.pick(CORES_FOUNDATION)}基金会`;
  if (type === "private_non_enterprise") return `${prefix}${rnd.pick(CORES_PNE)}${rnd.pick(PNE_SUFFIX)}`;
  if (rnd.chance(0.18)) return `${prefix}${rnd.pick(HOMETOWNS)}${rnd.pick(["商会", "商会", "联合会"])}`;
  if (rnd.chance(0.15))
    return `${prefix}${rnd.pick(["餐饮", "物流", "建筑", "汽车", "电子商务", "家居", "珠宝"])}行业商会`;
  return `${prefix}${rnd.pick(CORES_GROUP)}${rnd.pick(GROUP_SUFFIX)}`;
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔";
const GIVEN =
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红志建国文斌辉鹏宇浩凯晨欣怡佳琪雪梅海燕立新振宏春梅德胜永";

export function personName(rnd: Random): string {
  const given = rnd.chance(0.6) ? rnd.pick([...GIVEN]) + rnd.pick([...GIVEN]) : rnd.pick([...GIVEN]);
  return rnd.pick([...SURNAMES]) + given;
}

const STREETS = [
  "滨河",
  "人民",
  "建设",
  "团结",
  "幸福",
  "文化",
  "新华",
  "朝阳",
  "光明",
  "和平",
  "黄河",
  "公园",
  "迎宾",
  "民主",
];
export function address(rnd: Random, district: string): string {
  return `示范市${district}${rnd.pick(STREETS)}${rnd.pick(["路", "街", "大道"])}${rnd.int(1, 300)}号${rnd.chance(0.4) ? `${rnd.int(1, 20)}层` : ""}`;
}

export const BANNED_NAME_PARTS = ["中国", "全国", "中华", "第一", "最高", "国家级"];
