/**
 * Realistic, made-up names in the style of the seed documents (乌海市蓝天医疗救援协会, 海南区自行车运动协会,
 * 市河南商会, 市冀商联合会, 市爱心协会): organizations by category, people, fictional addresses.
 * Deterministic for a given Random. R-A4: no 中国/全国/中华 prefix, no 第一/最高/国家级, a 民非 字号 of ≥ 2
 * characters and no 总 in a 民非 name, names unique within an authority (`drawUniqueName`).
 */
import type { OrgType } from "../schema";
import type { Random } from "./random";

export const BANNED_NAME_PREFIXES = ["中国", "全国", "中华"] as const;
export const BANNED_NAME_WORDS = ["第一", "最高", "国家级"] as const;
/** Every banned part, for checks that do not care where it stands. */
export const BANNED_NAME_PARTS = [...BANNED_NAME_PREFIXES, ...BANNED_NAME_WORDS];

/** R-A4 problems with a generated name, given the place prefix it was built with (empty list = acceptable). */
export function nameProblems(name: string, type: OrgType, prefix = ""): string[] {
  const problems: string[] = [];
  const rest = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  for (const p of BANNED_NAME_PREFIXES) if (name.startsWith(p) || rest.startsWith(p)) problems.push(p);
  for (const w of BANNED_NAME_WORDS) if (name.includes(w)) problems.push(w);
  if (type === "private_non_enterprise" && name.includes("总")) problems.push("总");
  return problems;
}

/** Category of an organization: decides its supervising unit, purpose and business scope (see profile.ts). */
export type CategoryKey =
  | "trade"
  | "hometown"
  | "enterprise"
  | "sports"
  | "culture"
  | "science"
  | "social_science"
  | "medical"
  | "charity"
  | "community"
  | "elderly"
  | "education"
  | "vocational"
  | "agriculture"
  | "youth"
  | "women"
  | "disabled"
  | "legal"
  | "environment";

/**
 * Name parts per category. A core "=X" is a whole body (no suffix added). `groups`: 社会团体 cores,
 * `groupSuffixes`: what follows them; `pne`: 民办非企业单位 suffixes (after a 字号); `themes`: 基金会 themes
 * ("=X": a theme that takes no 字号 in front).
 * Weights per type give the mix of a real register.
 */
interface CategoryNames {
  weights: { social_group: number; private_non_enterprise: number; foundation: number };
  groups?: readonly string[];
  groupSuffixes?: readonly string[];
  pne?: readonly string[];
  themes?: readonly string[];
}

export const CATEGORY_NAMES: Record<CategoryKey, CategoryNames> = {
  trade: {
    weights: { social_group: 17, private_non_enterprise: 0, foundation: 0 },
    groups: [
      "餐饮",
      "烹饪",
      "物流",
      "快递",
      "建筑业",
      "建筑装饰",
      "房地产业",
      "物业管理",
      "汽车流通",
      "汽车维修",
      "电子商务",
      "家政服务",
      "美容美发",
      "旅游饭店",
      "旅行社",
      "广告",
      "印刷",
      "软件和信息服务业",
      "建材",
      "家具",
      "珠宝玉石",
      "茶叶",
      "粮油",
      "乳业",
      "酒类流通",
      "医药",
      "眼镜",
      "保险",
      "小额贷款",
      "融资担保",
      "典当",
      "城市燃气",
      "供热",
      "再生资源",
      "环保产业",
      "新能源",
      "光伏",
      "农业机械",
      "种子",
      "农资",
      "服装",
      "纺织",
      "陶瓷",
      "五金机电",
      "超市",
      "连锁经营",
      "商贸流通",
      "会展",
      "民宿",
      "出租汽车",
      "机动车驾驶员培训",
      "安全生产",
      "消防",
      "钢材",
      "电线电缆",
      "水产",
      "果品",
      "二手车",
      "网络直播",
      "农产品流通",
      "检验检测",
      "人力资源服务",
      "工程造价",
      "工程监理",
      "预拌混凝土",
      "园林绿化",
      "文具",
      "烘焙",
      "火锅",
      "清真餐饮",
      "冷链物流",
    ],
    groupSuffixes: ["协会", "协会", "协会", "行业协会", "行业协会", "商会", "促进会"],
  },
  hometown: {
    weights: { social_group: 4, private_non_enterprise: 0, foundation: 0 },
    groups: [
      "河南",
      "陕西",
      "山东",
      "浙江",
      "福建",
      "江西",
      "湖南",
      "湖北",
      "四川",
      "安徽",
      "山西",
      "甘肃",
      "宁夏",
      "河北",
      "江苏",
      "广东",
      "重庆",
      "东北",
      "温州",
      "莆田",
      "=冀商联合会",
      "=晋商联合会",
      "=浙商联合会",
      "=徽商联合会",
      "=闽商联合会",
      "=豫商联合会",
      "=秦商联合会",
      "=湘商联合会",
      "=川商联合会",
      "=鲁商联合会",
      "=苏商联合会",
      "=赣商联合会",
    ],
    groupSuffixes: ["商会"],
  },
  enterprise: {
    weights: { social_group: 4, private_non_enterprise: 0, foundation: 0 },
    groups: [
      "=商会",
      "=企业联合会",
      "=个体劳动者协会",
      "=私营企业协会",
      "=光彩事业促进会",
      "=老区建设促进会",
      "企业家",
      "女企业家",
      "青年企业家",
      "民营企业",
      "中小企业",
      "外商投资企业",
      "科技型企业",
      "高新技术企业",
      "青年创业",
      "创业",
      "民营经济发展",
      "企业文化",
      "质量",
      "品牌建设",
      "=青年企业家商会",
      "=民营企业商会",
      "=中小企业商会",
      "=女企业家商会",
    ],
    groupSuffixes: ["协会", "协会", "促进会", "联合会"],
  },
  sports: {
    weights: { social_group: 12, private_non_enterprise: 4, foundation: 1 },
    groups: [
      "自行车运动",
      "篮球",
      "足球",
      "乒乓球",
      "羽毛球",
      "网球",
      "游泳",
      "登山户外运动",
      "马拉松",
      "武术",
      "太极拳",
      "健身气功",
      "围棋",
      "象棋",
      "桥牌",
      "钓鱼",
      "门球",
      "柔力球",
      "轮滑",
      "跆拳道",
      "射箭",
      "航空模型",
      "无线电运动",
      "老年体育",
      "社会体育指导员",
      "体育舞蹈",
      "广场舞",
      "冰雪运动",
      "滑雪",
      "攀岩",
      "定向运动",
      "毽球",
      "龙舟",
      "健美操",
      "瑜伽",
      "台球",
      "保龄球",
      "排球",
      "气排球",
      "棋类",
      "信鸽",
      "风筝",
      "徒步",
      "赛马",
      "摔跤",
      "搏击",
      "垂钓",
      "全民健身",
      "职工体育",
      "青少年体育",
    ],
    groupSuffixes: ["协会"],
    pne: [
      "体育俱乐部",
      "足球俱乐部",
      "篮球俱乐部",
      "羽毛球俱乐部",
      "游泳俱乐部",
      "武术馆",
      "跆拳道馆",
      "棋院",
      "健身中心",
      "体育培训学校",
    ],
    themes: ["体育发展", "全民健身", "青少年体育发展"],
  },
  culture: {
    weights: { social_group: 12, private_non_enterprise: 5, foundation: 3 },
    groups: [
      "书法家",
      "美术家",
      "摄影家",
      "音乐家",
      "舞蹈家",
      "戏剧家",
      "曲艺家",
      "作家",
      "民间文艺家",
      "收藏家",
      "书画",
      "诗词",
      "楹联",
      "剪纸",
      "茶文化",
      "非物质文化遗产保护",
      "朗诵",
      "合唱",
      "戏曲",
      "二人台",
      "历史文化",
      "红色文化",
      "读书",
      "根雕",
      "奇石",
      "集邮",
      "钱币",
      "灯谜",
      "民俗文化",
      "影视",
      "文物保护",
      "地方文化",
      "美食文化",
      "国学",
      "汉服文化",
      "动漫",
      "老年书画",
      "青年书法",
    ],
    groupSuffixes: ["协会", "协会", "协会", "研究会", "学会", "促进会"],
    pne: ["图书馆", "书画院", "艺术团", "博物馆", "美术馆", "文化艺术中心", "书院", "剧社", "民俗博物馆"],
    themes: ["文化发展", "文物保护", "历史文化保护", "文学艺术发展"],
  },
  science: {
    weights: { social_group: 9, private_non_enterprise: 3, foundation: 2 },
    groups: [
      "计算机",
      "农学",
      "畜牧兽医",
      "林学",
      "水利",
      "土木建筑",
      "气象",
      "地理",
      "数学",
      "物理",
      "化学",
      "生物",
      "心理",
      "营养",
      "环境科学",
      "电子",
      "机械工程",
      "自动化",
      "测绘",
      "地质",
      "土壤肥料",
      "植物保护",
      "园艺",
      "食品科学技术",
      "药学",
      "档案",
      "图书馆",
      "青少年科技教育",
      "科普",
      "科普作家",
      "老科技工作者",
      "发明",
      "无人机",
      "人工智能",
      "大数据",
      "物联网",
      "新材料",
      "能源",
      "天文",
      "通信",
    ],
    groupSuffixes: ["学会", "学会", "学会", "研究会", "协会"],
    pne: ["研究院", "研究所", "技术研究院", "科技服务中心", "科普教育中心", "技术推广中心"],
    themes: ["科技创新", "科学普及", "青少年科技创新"],
  },
  social_science: {
    weights: { social_group: 4, private_non_enterprise: 1, foundation: 0 },
    groups: [
      "经济",
      "法学",
      "历史",
      "哲学",
      "社会学",
      "伦理",
      "党史",
      "县域经济",
      "城市发展",
      "财政",
      "金融",
      "税务",
      "审计",
      "统计",
      "会计",
      "人口",
      "老龄问题",
      "婚姻家庭",
      "民族团结",
      "地方志",
      "廉政文化",
      "社会组织",
      "乡村治理",
      "基层治理",
    ],
    groupSuffixes: ["学会", "研究会", "研究会"],
    pne: ["发展研究中心", "社会发展研究院", "公共政策研究中心"],
  },
  medical: {
    weights: { social_group: 6, private_non_enterprise: 8, foundation: 4 },
    groups: [
      "医师",
      "护理",
      "中医药",
      "针灸",
      "中西医结合",
      "康复医学",
      "预防医学",
      "口腔医学",
      "医院",
      "健康管理",
      "心理卫生",
      "抗癌",
      "糖尿病防治",
      "急救",
      "医学",
      "卫生",
      "民营医院",
      "蒙医药",
      "乡村医生",
      "母婴保健",
      "医疗器械",
      "健康教育",
    ],
    groupSuffixes: ["协会", "学会"],
    pne: [
      "医院",
      "中医医院",
      "口腔医院",
      "康复医院",
      "眼科医院",
      "骨科医院",
      "门诊部",
      "中医门诊部",
      "护理院",
    ],
    themes: ["医疗救助", "健康发展", "大病救助", "防盲复明", "心理健康"],
  },
  charity: {
    weights: { social_group: 9, private_non_enterprise: 0, foundation: 36 },
    groups: [
      "爱心",
      "慈善",
      "蓝天医疗救援",
      "蓝天救援",
      "志愿者",
      "义工",
      "助残",
      "扶贫开发",
      "关爱留守儿童",
      "见义勇为",
      "献血",
      "助学",
      "公益",
      "应急救援",
      "心理援助",
      "环保志愿者",
      "拥军优属",
      "红心",
      "慈孝",
      "=慈善总会",
      "=慈善联合会",
      "=志愿服务联合会",
      "=义工联合会",
      "爱心救助",
      "公益事业",
    ],
    groupSuffixes: ["协会", "协会", "协会", "联合会", "促进会"],
    themes: [
      "慈善",
      "扶贫济困",
      "社会福利",
      "公益",
      "关爱",
      "志愿服务",
      "孤儿救助",
      "救灾",
      "助困",
      "公益发展",
      "乡村振兴",
      "慈善救助",
    ],
  },
  community: {
    weights: { social_group: 6, private_non_enterprise: 14, foundation: 0 },
    groups: [
      "社区服务",
      "社会工作",
      "家庭服务",
      "社区文化",
      "邻里互助",
      "物业服务",
      "殡葬服务",
      "婚姻家庭服务",
      "社区治理",
      "志愿服务",
    ],
    groupSuffixes: ["协会", "促进会", "联合会"],
    pne: [
      "社会工作服务中心",
      "社会工作服务中心",
      "社会工作服务社",
      "志愿服务中心",
      "社区服务中心",
      "公益服务中心",
      "家庭服务中心",
      "青少年服务中心",
      "心理咨询服务中心",
      "婚姻家庭服务中心",
      "社会组织发展中心",
      "公益发展中心",
      "社区发展中心",
    ],
  },
  elderly: {
    weights: { social_group: 4, private_non_enterprise: 18, foundation: 5 },
    groups: ["老年人", "老龄事业发展", "养老服务", "老干部", "退休教师", "老年大学", "老年文化", "长寿文化"],
    groupSuffixes: ["协会", "促进会", "联合会", "研究会"],
    pne: [
      "养老服务中心",
      "养老服务中心",
      "养老院",
      "颐养院",
      "老年公寓",
      "日间照料中心",
      "居家养老服务中心",
      "康养中心",
      "托老所",
      "老年服务中心",
    ],
    themes: ["老年福利", "敬老", "老龄事业发展"],
  },
  education: {
    weights: { social_group: 5, private_non_enterprise: 34, foundation: 20 },
    groups: [
      "民办教育",
      "家庭教育",
      "职业教育",
      "学前教育",
      "教育",
      "校外教育",
      "教师",
      "特殊教育",
      "外语教育",
      "阅读推广",
      "家长",
      "教育督导",
      "教育科学",
    ],
    groupSuffixes: ["协会", "学会", "研究会", "促进会"],
    pne: [
      "培训学校",
      "培训学校",
      "艺术培训学校",
      "外语培训学校",
      "文化艺术培训学校",
      "科技培训学校",
      "书法培训学校",
      "美术培训学校",
      "舞蹈培训学校",
      "音乐培训学校",
      "幼儿园",
      "幼儿园",
      "幼儿园",
      "双语幼儿园",
      "实验学校",
      "学校",
      "中学",
      "托育中心",
      "早教中心",
    ],
    themes: ["助学", "教育发展", "奖学", "教育", "奖教助学", "=圆梦助学", "=春蕾助学"],
  },
  vocational: {
    weights: { social_group: 0, private_non_enterprise: 8, foundation: 0 },
    pne: [
      "职业培训学校",
      "职业技能培训学校",
      "职业技术培训学校",
      "家政培训学校",
      "电脑培训学校",
      "烹饪培训学校",
      "汽车维修培训学校",
      "就业服务中心",
    ],
  },
  agriculture: {
    weights: { social_group: 6, private_non_enterprise: 1, foundation: 2 },
    groups: [
      "种植",
      "养殖",
      "果业",
      "蔬菜",
      "蜂业",
      "奶业",
      "渔业",
      "花卉",
      "苗木",
      "食用菌",
      "马铃薯",
      "葡萄",
      "肉羊",
      "家禽",
      "中药材种植",
      "农产品经纪人",
      "农民专业合作社",
      "乡村旅游",
      "休闲农业",
      "农机",
      "林业",
      "绒山羊",
      "设施农业",
      "有机农业",
    ],
    groupSuffixes: ["协会", "协会", "产业协会", "促进会", "联合会"],
    pne: ["农业技术服务中心", "农技推广服务中心"],
    themes: ["乡村发展", "农业发展"],
  },
  youth: {
    weights: { social_group: 3, private_non_enterprise: 0, foundation: 6 },
    groups: ["青年志愿者", "青年", "青少年发展", "大学生创业", "青年联合", "少年儿童"],
    groupSuffixes: ["协会", "促进会", "联合会"],
    themes: ["青少年发展", "青年创业", "=希望工程"],
  },
  women: {
    weights: { social_group: 2, private_non_enterprise: 0, foundation: 4 },
    groups: ["妇女儿童发展", "巾帼创业", "女性人才", "母亲", "家庭文明"],
    groupSuffixes: ["协会", "促进会", "联合会"],
    themes: ["妇女儿童发展", "母亲健康", "儿童发展"],
  },
  disabled: {
    weights: { social_group: 2, private_non_enterprise: 8, foundation: 4 },
    groups: ["盲人", "聋人", "肢残人", "智力残疾人及亲友", "精神残疾人及亲友", "残疾人体育", "助残"],
    groupSuffixes: ["协会"],
    pne: [
      "康复中心",
      "残疾人康复中心",
      "儿童康复中心",
      "孤独症儿童康复中心",
      "托养中心",
      "残疾人托养服务中心",
      "听力语言康复中心",
      "助残服务中心",
    ],
    themes: ["残疾人福利", "助残"],
  },
  legal: {
    weights: { social_group: 1, private_non_enterprise: 2, foundation: 1 },
    groups: ["人民调解", "法律服务", "公证", "法律援助"],
    groupSuffixes: ["协会"],
    pne: ["矛盾纠纷调解中心", "法律服务中心", "法律援助服务中心"],
    themes: ["法律援助"],
  },
  environment: {
    weights: { social_group: 2, private_non_enterprise: 1, foundation: 4 },
    groups: ["环境保护", "生态文明", "野生动物保护", "湿地保护", "观鸟", "绿化", "节能", "低碳发展"],
    groupSuffixes: ["协会", "促进会", "研究会"],
    pne: ["环境保护服务中心", "生态保护中心", "自然教育中心"],
    themes: ["生态环境保护", "绿化", "环境保护", "生态保护"],
  },
};

const CATEGORY_KEYS = Object.keys(CATEGORY_NAMES) as CategoryKey[];
const CATEGORY_WEIGHTS: Record<OrgType, [CategoryKey, number][]> = {
  social_group: [],
  private_non_enterprise: [],
  foundation: [],
};
for (const key of CATEGORY_KEYS) {
  for (const type of ["social_group", "private_non_enterprise", "foundation"] as const) {
    const w = CATEGORY_NAMES[key].weights[type];
    if (w > 0) CATEGORY_WEIGHTS[type].push([key, w]);
  }
}

/** Well-known 字号 (trade names) of 民非 and foundations; more are composed from BRAND_FIRST × BRAND_SECOND. */
const BRANDS = [
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
  "蓝天",
  "春蕾",
  "黄河",
  "红枫",
  "绿洲",
  "金色童年",
  "小太阳",
  "七色花",
  "百合",
  "紫荆",
  "银杏",
  "青松",
  "翰墨",
  "书香",
  "墨韵",
  "德馨",
  "颐和",
  "夕阳红",
  "久久",
  "爱心",
  "暖阳",
  "善行",
  "守望",
  "同行",
  "繁星",
  "萤火虫",
];
const BRAND_FIRST =
  "博明启育晨春德福和嘉康乐馨仁瑞善同新欣雅益祥宜优悦智卓安百恒惠佳敬美鹏清润盛泰文信阳怡英远昭正";
const BRAND_SECOND = "才华光辉苑园星阳心宁安泰康和乐雅德林源晖欣辰航远达泽睿程诚悦蕾桥慧韵艺馨瑞丰贤铭逸熙";

export function brandName(rnd: Random): string {
  if (rnd.chance(0.45)) return rnd.pick(BRANDS);
  const first = BRAND_FIRST[rnd.int(0, BRAND_FIRST.length - 1)]!;
  let second = BRAND_SECOND[rnd.int(0, BRAND_SECOND.length - 1)]!;
  if (second === first) second = "园";
  return first + second;
}

export interface GeneratedName {
  /** The full name: prefix + body. */
  name: string;
  /** The name without its place prefix: what must be unique within an authority. */
  body: string;
  category: CategoryKey;
  /** The core words (自行车运动, 河南, 阳光…) for purpose texts. */
  core: string;
  /** 行业协会商会 (trade, hometown and business chambers): directly registered or decoupled (R-A11). */
  trade: boolean;
}

function compose(rnd: Random, type: OrgType, category: CategoryKey): { body: string; core: string } {
  const c = CATEGORY_NAMES[category];
  if (type === "foundation") {
    // A theme "=X" is already a name of its own (春蕾助学): no 字号 in front.
    const pick = rnd.pick(c.themes!);
    const theme = pick.replace(/^=/, "");
    let brand = !pick.startsWith("=") && rnd.chance(0.55) ? brandName(rnd) : "";
    if (theme.includes(brand)) brand = "";
    return { body: `${brand}${theme}基金会`, core: theme };
  }
  if (type === "private_non_enterprise") {
    const brand = brandName(rnd);
    return { body: `${brand}${rnd.pick(c.pne!)}`, core: brand };
  }
  const core = rnd.pick(c.groups!);
  if (core.startsWith("="))
    return { body: core.slice(1), core: core.slice(1).replace(/(协会|联合会|促进会)$/, "") };
  let suffix = rnd.pick(c.groupSuffixes!);
  // 建筑业行业协会, 医院医院… read badly: an 业-ending core takes 协会.
  if (suffix.startsWith("行业") && core.endsWith("业")) suffix = "协会";
  if (suffix === "产业协会" && core.endsWith("业")) suffix = "协会";
  return { body: `${core}${suffix}`, core };
}

/** Categories whose bodies are often local to a 街道 or 镇 (东湖区文汇街道老年体育协会). */
const LOCAL_CATEGORIES: Record<OrgType, Set<CategoryKey>> = {
  social_group: new Set(["sports", "culture", "charity", "community", "elderly", "agriculture", "disabled"]),
  private_non_enterprise: new Set([
    "education",
    "elderly",
    "community",
    "disabled",
    "medical",
    "sports",
    "culture",
  ]),
  foundation: new Set(),
};

/**
 * One organization name of `type`: `prefix` (示范市, 市, 东湖区…), optionally a place inside the authority's area
 * (a 街道 or 镇) for local bodies, then the body. Categories are drawn with the weights of a real register.
 */
export function organizationName(
  rnd: Random,
  type: OrgType,
  prefix: string,
  places: readonly string[] = [],
  category?: CategoryKey,
): GeneratedName {
  const cat = category ?? rnd.weighted(CATEGORY_WEIGHTS[type]);
  const { body: main, core } = compose(rnd, type, cat);
  const local =
    places.length > 0 && LOCAL_CATEGORIES[type].has(cat) && rnd.chance(type === "social_group" ? 0.15 : 0.3);
  const body = local ? `${rnd.pick(places)}${main}` : main;
  return {
    name: `${prefix}${body}`,
    body,
    category: cat,
    core,
    trade: cat === "trade" || cat === "hometown" || (cat === "enterprise" && /商会|企业|联合会/.test(main)),
  };
}

/**
 * Draws names until one is not yet taken within the authority (R-A4; `taken` holds the bodies — names without the
 * place prefix — so 示范市河南商会 and 市河南商会 count as one) and has no banned part, then records it.
 * When an authority's ordinary name space runs thin, a 社区-level qualifier keeps names realistic and unique.
 */
export function drawUniqueName(
  rnd: Random,
  taken: Set<string>,
  type: OrgType,
  prefix: string,
  places: readonly string[] = [],
  category?: CategoryKey,
): GeneratedName {
  for (let attempt = 0; ; attempt++) {
    const g = organizationName(rnd, type, prefix, places, category);
    if (attempt >= 40) {
      const community = `${brandName(rnd)}社区`;
      g.body = `${rnd.pick(places.length ? places : TOWN_ROOTS)}${community}${g.body}`;
      g.name = `${prefix}${g.body}`;
    }
    if (taken.has(g.body) || nameProblems(g.name, type, prefix).length > 0) continue;
    taken.add(g.body);
    return g;
  }
}

// Surnames roughly by frequency (the common ones repeated), given names in the style of the last decades.
const SURNAMES =
  "王王王李李李张张张刘刘刘陈陈陈杨杨黄黄赵赵吴吴周周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const GIVEN_FIRST = "建国志伟海晓文秀丽红玉春立永明德振宏俊家国天子思雨欣一梓浩宇嘉晨佳雅";
const GIVEN_SECOND =
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚英华兰辉鹏宇浩凯晨欣怡琪雪梅燕新宏胜峰波斌亮林东清霖萍倩婷颖彤轩博泽然涵琳";

/** A made-up common Chinese name (surname + one or two characters). */
export function personName(rnd: Random): string {
  const surname = SURNAMES[rnd.int(0, SURNAMES.length - 1)]!;
  const second = GIVEN_SECOND[rnd.int(0, GIVEN_SECOND.length - 1)]!;
  if (rnd.chance(0.25)) return surname + second;
  const first = GIVEN_FIRST[rnd.int(0, GIVEN_FIRST.length - 1)]!;
  return surname + (first === second ? "文" : first) + second;
}

/** Roots of 街道 and 镇 names; with a suffix they name places inside a fictional district. */
export const TOWN_ROOTS = [
  "文汇",
  "东升",
  "石渡",
  "滨河",
  "新华",
  "朝阳",
  "光明",
  "和平",
  "团结",
  "幸福",
  "民主",
  "育英",
  "金桥",
  "柳林",
  "杏园",
  "沙湾",
  "白塔",
  "青龙",
  "长乐",
  "永安",
  "兴隆",
  "丰收",
  "红旗",
  "马场",
  "北关",
  "南关",
  "西营",
  "东坡",
  "桃园",
  "梨花",
  "古城",
  "新村",
];

/** A district's 街道 and 镇 (deterministic for the Random). */
export function districtPlaces(rnd: Random, count = 8): string[] {
  const roots = [...TOWN_ROOTS];
  const out: string[] = [];
  while (out.length < count && roots.length > 0) {
    const root = roots.splice(rnd.int(0, roots.length - 1), 1)[0]!;
    out.push(`${root}${rnd.chance(0.6) ? "街道" : "镇"}`);
  }
  return out;
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
  "育才",
  "振兴",
  "青年",
  "胜利",
  "健康",
  "友谊",
  "钢铁",
  "矿机",
  "林荫",
  "学府",
  "科技",
  "湖滨",
  "站前",
  "体育",
  "金融",
  "明珠",
];
const BUILDINGS = ["大厦", "商务楼", "综合楼", "科技园", "文化中心", "广场", "社区服务中心", "小区"];

/** A fictional street address inside `city` + `district` (made-up places only). */
export function address(rnd: Random, city: string, district: string): string {
  const street = `${rnd.pick(STREETS)}${rnd.pick(["路", "路", "街", "大街", "大道", "东路", "西路", "南路", "北路"])}`;
  const number = `${rnd.int(1, 399)}号`;
  const r = rnd.next();
  const extra =
    r < 0.3
      ? `${brandName(rnd)}${rnd.pick(BUILDINGS)}${rnd.int(1, 18)}${rnd.pick(["层", "楼", "号楼"])}`
      : r < 0.5
        ? `${rnd.int(1, 9)}号楼${rnd.int(1, 6)}单元${rnd.int(101, 1802)}室`
        : "";
  return `${city}${district}${street}${number}${extra}`;
}
