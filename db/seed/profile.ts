/**
 * The register facts of a generated organization beyond its name (R-A5): supervision (R-A11), purpose and business
 * scope by category, activity area, capital honouring R-A1/R-A2 minimums, charity flags, staff, rating.
 * Shared by the demo city (demo.ts) and the synthetic register (src/cli/synthetic.ts).
 */
import type { AuthorityLevel, OrgType, SupervisionMode } from "../schema";
import type { CategoryKey, GeneratedName } from "./names";
import type { Random } from "./random";

/** Where an authority sits: names its supervising units, party committees and activity area. */
export interface AuthorityPlace {
  level: AuthorityLevel;
  /** 示范市 (the city, or the province's name for a province authority). */
  city: string;
  /** 东湖区; empty for a city or province authority. */
  district: string;
}

const placeName = (p: AuthorityPlace) => p.district || p.city;
const areaWord = (p: AuthorityPlace) =>
  p.level === "province" ? "全省" : p.district.endsWith("县") ? "全县" : p.district ? "全区" : "全市";

export function activityArea(p: AuthorityPlace): string {
  return p.district ? `${p.city}${p.district}行政区域内` : `${p.city}行政区域内`;
}

/** 业务主管单位 of a category ({p} = the place); groups, 民非 and foundations differ for a few. */
const UNITS: Record<CategoryKey, [string, string?]> = {
  trade: ["{p}商务局"],
  hometown: ["{p}工商业联合会"],
  enterprise: ["{p}工商业联合会"],
  sports: ["{p}体育局"],
  culture: ["{p}文学艺术界联合会", "{p}文化和旅游局"],
  science: ["{p}科学技术协会", "{p}科学技术局"],
  social_science: ["{p}社会科学界联合会"],
  medical: ["{p}卫生健康委员会"],
  charity: ["{p}民政局"],
  community: ["{p}民政局"],
  elderly: ["{p}民政局"],
  education: ["{p}教育局"],
  vocational: ["{p}人力资源和社会保障局"],
  agriculture: ["{p}农业农村局"],
  youth: ["共青团{p}委员会"],
  women: ["{p}妇女联合会"],
  disabled: ["{p}残疾人联合会"],
  legal: ["{p}司法局"],
  environment: ["{p}生态环境局"],
};

export function supervisorUnit(category: CategoryKey, type: OrgType, p: AuthorityPlace): string {
  const [group, other] = UNITS[category];
  const unit = (type === "social_group" ? group : (other ?? group)).replace("{p}", placeName(p));
  return p.level === "province"
    ? unit.replace(
        /(教育|民政|司法|商务|文化和旅游|农业农村|科学技术|生态环境|人力资源和社会保障)局$/,
        "$1厅",
      )
    : unit;
}

/** R-A11: categories that may register directly without a supervisor (科技, 公益慈善, 城乡社区服务). */
const DIRECT_ELIGIBLE = new Set<CategoryKey>(["science", "charity", "community"]);

export function supervision(
  rnd: Random,
  type: OrgType,
  g: GeneratedName,
  p: AuthorityPlace,
  registeredOn: string,
): { supervisionMode: SupervisionMode; supervisor: string | null; partyBuildingAuthority: string | null } {
  const place = placeName(p);
  if (type === "social_group" && g.trade) {
    // 行业协会商会: registered before the 2015–2020 reform, then 脱钩; registered since, directly.
    return {
      supervisionMode: registeredOn < "2016-01-01" ? "decoupled" : "direct",
      supervisor: null,
      partyBuildingAuthority: `中共${place}行业协会商会综合委员会`,
    };
  }
  if (DIRECT_ELIGIBLE.has(g.category) && registeredOn >= "2013-01-01" && rnd.chance(0.4)) {
    return {
      supervisionMode: "direct",
      supervisor: null,
      partyBuildingAuthority: `中共${place}社会组织综合委员会`,
    };
  }
  return {
    supervisionMode: "supervised",
    supervisor: supervisorUnit(g.category, type, p),
    partyBuildingAuthority: null,
  };
}

const BASE_PURPOSE = "遵守宪法、法律、法规和国家政策，践行社会主义核心价值观，遵守社会道德风尚。";

export function purpose(type: OrgType, g: GeneratedName, p: AuthorityPlace): string {
  const area = areaWord(p);
  const core = g.core;
  if (type === "foundation")
    return `${BASE_PURPOSE}接受社会捐赠，资助${core}项目，促进${area}${core.replace(/发展$/, "")}事业发展。`;
  const text: Record<CategoryKey, string> = {
    trade: `发挥政府与企业之间的桥梁纽带作用，加强行业自律，维护会员合法权益，促进${core}${core.endsWith("业") ? "" : "行业"}健康发展。`,
    hometown: `团结在${p.city}投资创业的${core.endsWith("商") ? core : `${core}籍`}企业家，服务会员，促进两地经济交流与合作。`,
    enterprise: "团结和服务会员企业，反映企业诉求，维护会员合法权益，促进民营经济健康发展。",
    sports: `团结${area}${core}爱好者，普及和推广${core}，增强人民体质，推动全民健身事业发展。`,
    culture:
      type === "social_group"
        ? `团结${area}${core}工作者和爱好者，繁荣文艺创作，传承和弘扬优秀传统文化。`
        : "面向社会提供公共文化服务，传承和弘扬优秀传统文化，丰富群众精神文化生活。",
    science: `团结广大科技工作者，开展学术交流，普及科学知识，促进${area}科学技术事业繁荣发展。`,
    social_science: "组织开展理论与实践研究，为党委、政府决策提供参考，促进社会科学事业繁荣发展。",
    medical:
      type === "social_group"
        ? "团结医药卫生工作者，开展学术交流和业务培训，提高医疗卫生服务水平，保障人民群众健康。"
        : "为群众提供安全、有效、方便的医疗卫生服务，满足多层次医疗需求。",
    charity: "弘扬扶贫济困的传统美德，开展公益慈善活动，帮助社会困难群体，促进社会和谐。",
    community: "以社区居民需求为导向，提供专业社会工作服务，参与基层社会治理，促进社区和谐发展。",
    elderly: "积极应对人口老龄化，为老年人提供生活照料、康复护理和精神慰藉服务，提高老年人生活质量。",
    education:
      type === "social_group"
        ? `团结${area}教育工作者，开展教育研究与交流，促进教育事业健康发展。`
        : "贯彻党的教育方针，落实立德树人根本任务，为社会培养合格人才。",
    vocational: "开展职业技能培训，提高劳动者就业创业能力，服务地方经济社会发展。",
    agriculture: "服务农民和农业经营主体，推广先进技术，促进特色产业发展和乡村振兴。",
    youth: "团结和服务青年，引导青年成长成才，促进青少年事业发展。",
    women: "维护妇女儿童合法权益，促进妇女儿童全面发展和家庭文明建设。",
    disabled: "维护残疾人合法权益，为残疾人提供康复、教育和就业服务，促进残疾人平等参与社会生活。",
    legal: "开展法律服务和矛盾纠纷调解，维护当事人合法权益，促进社会和谐稳定。",
    environment: "宣传生态文明理念，开展生态环境保护活动，促进人与自然和谐共生。",
  };
  return BASE_PURPOSE + text[g.category];
}

const GROUP_SCOPE: Record<CategoryKey, string> = {
  trade: "行业调研、行业自律、标准制定、业务培训、咨询服务、展览展销、承接政府委托事项",
  hometown: "联谊交流、招商引资、信息咨询、业务培训、权益维护、公益活动",
  enterprise: "联谊交流、信息咨询、业务培训、权益维护、调查研究、公益活动",
  sports: "组织比赛、技术培训、裁判员和教练员培训、交流活动、全民健身指导",
  culture: "创作交流、展览演出、业务培训、理论研讨、人才培养、公益文化活动",
  science: "学术交流、科学普及、决策咨询、业务培训、编辑刊物、科技成果评价",
  social_science: "理论研究、学术交流、决策咨询、业务培训、编辑资料",
  medical: "学术交流、业务培训、健康教育、义诊咨询、行业自律",
  charity: "募集善款、扶贫济困、助学助残、应急救援、志愿服务",
  community: "社区服务、志愿服务、社会工作、居民互助、宣传培训",
  elderly: "老年文体活动、为老服务、政策宣传、权益维护、调查研究",
  education: "教育研究、教学交流、业务培训、咨询服务、编辑资料",
  vocational: "职业技能培训、就业指导、咨询服务",
  agriculture: "技术推广、信息交流、产销对接、技术培训、品牌建设",
  youth: "联谊交流、创业扶持、志愿服务、素质拓展、公益活动",
  women: "宣传教育、技能培训、权益维护、家庭服务、公益活动",
  disabled: "交流联谊、康复指导、权益维护、文体活动、公益活动",
  legal: "法律咨询、矛盾纠纷调解、普法宣传、业务培训",
  environment: "环保宣传、生态保护、志愿服务、调查研究、交流合作",
};
const PNE_SCOPE: Record<CategoryKey, string> = {
  ...GROUP_SCOPE,
  sports: "体育培训、健身服务、赛事组织、体育交流",
  culture: "图书借阅、展览展示、艺术培训、文艺演出、公益讲座",
  science: "技术研究、技术咨询、技术服务、成果推广",
  social_science: "课题研究、决策咨询、学术交流、培训服务",
  medical: "预防保健、内科、外科、中医科、医学检验、医学影像（以执业许可证核定范围为准）",
  community: "社会工作服务、社区服务、志愿服务、心理疏导、政策宣传",
  elderly: "生活照料、康复护理、膳食服务、文化娱乐、精神慰藉",
  education: "学历教育或非学历教育培训（以办学许可证核定范围为准）",
  vocational: "职业技能培训（以办学许可证核定范围为准）、就业指导",
  agriculture: "农业技术推广、技术培训、技术咨询",
  disabled: "残疾人康复训练、康复咨询、技能培训、托养服务",
  legal: "矛盾纠纷调解、法律咨询、普法宣传",
  environment: "环境教育、生态保护宣传、志愿服务",
};

export function businessScope(type: OrgType, g: GeneratedName): string {
  if (type === "foundation") return `接受社会捐赠，开展${g.core}资助项目，奖励先进，开展与宗旨相关的公益活动`;
  return (type === "social_group" ? GROUP_SCOPE : PNE_SCOPE)[g.category];
}

const WAN = 10_000 * 100; // ¥10,000 in fen

/**
 * Capital in fen: 社团 活动资金 ≥ ¥30,000 (R-A1, local); 基金会 原始基金 ≥ ¥2,000,000 非公募 and ≥ ¥4,000,000
 * local 公募 (R-A2); 民非 开办资金 by kind (schools and hospitals larger).
 */
export function capitalFen(
  rnd: Random,
  type: OrgType,
  category: CategoryKey,
  foundationKind: "public" | "non_public" | null,
): number {
  if (type === "foundation") {
    return foundationKind === "public"
      ? rnd.weighted([
          [400, 45],
          [500, 25],
          [800, 10],
          [1000, 15],
          [2000, 5],
        ]) * WAN
      : rnd.weighted([
          [200, 55],
          [300, 15],
          [500, 15],
          [1000, 10],
          [2000, 5],
        ]) * WAN;
  }
  if (type === "social_group") {
    return (
      rnd.weighted([
        [3, 40],
        [5, 20],
        [10, 20],
        [20, 9],
        [30, 5],
        [50, 4],
        [100, 2],
      ]) * WAN
    );
  }
  const big = category === "medical" || category === "education" || category === "elderly";
  return (
    rnd.weighted(
      big
        ? [
            [10, 20],
            [30, 20],
            [50, 20],
            [100, 20],
            [200, 10],
            [500, 7],
            [1000, 3],
          ]
        : [
            [3, 35],
            [5, 25],
            [10, 25],
            [20, 10],
            [50, 5],
          ],
    ) * WAN
  );
}

export interface OrgProfile {
  supervisionMode: SupervisionMode;
  supervisor: string | null;
  partyBuildingAuthority: string | null;
  purpose: string;
  businessScope: string;
  activityArea: string;
  capitalFen: number;
  foundationKind: "public" | "non_public" | null;
  isCharity: boolean;
  publicFundraising: boolean;
  staffFullTime: number;
  staffPartTime: number;
}

/** Everything but identity, dates and status, for one generated organization. */
export function orgProfile(
  rnd: Random,
  type: OrgType,
  g: GeneratedName,
  p: AuthorityPlace,
  registeredOn: string,
): OrgProfile {
  const foundationKind = type === "foundation" ? (rnd.chance(0.3) ? "public" : "non_public") : null;
  // 慈善组织 (a flag on any type) and its 公开募捐资格.
  const isCharity =
    type === "foundation"
      ? rnd.chance(0.75)
      : g.category === "charity"
        ? rnd.chance(0.4)
        : (g.category === "community" || g.category === "elderly" || g.category === "disabled") &&
          rnd.chance(0.08);
  const publicFundraising = isCharity && rnd.chance(foundationKind === "public" ? 0.9 : 0.2);
  const large =
    type === "private_non_enterprise" &&
    (g.category === "medical" || g.category === "education" || g.category === "elderly");
  return {
    ...supervision(rnd, type, g, p, registeredOn),
    purpose: purpose(type, g, p),
    businessScope: businessScope(type, g),
    activityArea: activityArea(p),
    capitalFen: capitalFen(rnd, type, g.category, foundationKind),
    foundationKind,
    isCharity,
    publicFundraising,
    staffFullTime: large ? rnd.int(6, 120) : type === "foundation" ? rnd.int(1, 12) : rnd.int(0, 8),
    staffPartTime: rnd.int(0, type === "social_group" ? 20 : 10),
  };
}
