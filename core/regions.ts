/**
 * China's provinces (and the province-level municipalities, autonomous regions and SARs) with their
 * larger cities, in English and Chinese. A lot's region is kept as "Province · City" in English
 * (docs/domain.md "Regions"), shown in the reader's language, and found by a search in either.
 */

interface Place {
  en: string;
  zh: string;
}

interface Province extends Place {
  cities: Place[];
}

const p = (en: string, zh: string, cities: string): Province => ({
  en,
  zh,
  cities: cities
    .split(";")
    .filter(Boolean)
    .map((pair) => {
      const [cityEn, cityZh] = pair.split("=");
      return { en: cityEn!.trim(), zh: cityZh!.trim() };
    }),
});

/** Province-level divisions; a municipality is its own only city. */
export const provinces: readonly Province[] = [
  p("Beijing", "北京", "Beijing=北京"),
  p("Tianjin", "天津", "Tianjin=天津"),
  p("Shanghai", "上海", "Shanghai=上海"),
  p("Chongqing", "重庆", "Chongqing=重庆"),
  p("Hebei", "河北", "Shijiazhuang=石家庄;Tangshan=唐山;Baoding=保定;Handan=邯郸;Langfang=廊坊"),
  p("Shanxi", "山西", "Taiyuan=太原;Datong=大同;Changzhi=长治"),
  p("Inner Mongolia", "内蒙古", "Hohhot=呼和浩特;Baotou=包头;Ordos=鄂尔多斯"),
  p("Liaoning", "辽宁", "Shenyang=沈阳;Dalian=大连;Anshan=鞍山"),
  p("Jilin", "吉林", "Changchun=长春;Jilin City=吉林市"),
  p("Heilongjiang", "黑龙江", "Harbin=哈尔滨;Daqing=大庆;Qiqihar=齐齐哈尔"),
  p(
    "Jiangsu",
    "江苏",
    "Nanjing=南京;Suzhou=苏州;Wuxi=无锡;Changzhou=常州;Nantong=南通;Xuzhou=徐州;Yangzhou=扬州;Yancheng=盐城;Taizhou (Jiangsu)=泰州;Zhenjiang=镇江",
  ),
  p(
    "Zhejiang",
    "浙江",
    "Hangzhou=杭州;Ningbo=宁波;Wenzhou=温州;Jiaxing=嘉兴;Huzhou=湖州;Shaoxing=绍兴;Jinhua=金华;Taizhou=台州;Quzhou=衢州;Lishui=丽水;Zhoushan=舟山",
  ),
  p("Anhui", "安徽", "Hefei=合肥;Wuhu=芜湖;Bengbu=蚌埠"),
  p("Fujian", "福建", "Fuzhou=福州;Xiamen=厦门;Quanzhou=泉州;Zhangzhou=漳州"),
  p("Jiangxi", "江西", "Nanchang=南昌;Ganzhou=赣州;Jiujiang=九江"),
  p("Shandong", "山东", "Jinan=济南;Qingdao=青岛;Yantai=烟台;Weifang=潍坊;Linyi=临沂;Zibo=淄博;Jining=济宁"),
  p("Henan", "河南", "Zhengzhou=郑州;Luoyang=洛阳;Nanyang=南阳;Xinxiang=新乡"),
  p("Hubei", "湖北", "Wuhan=武汉;Yichang=宜昌;Xiangyang=襄阳"),
  p("Hunan", "湖南", "Changsha=长沙;Zhuzhou=株洲;Hengyang=衡阳;Yueyang=岳阳"),
  p(
    "Guangdong",
    "广东",
    "Guangzhou=广州;Shenzhen=深圳;Dongguan=东莞;Foshan=佛山;Zhuhai=珠海;Huizhou=惠州;Zhongshan=中山;Jiangmen=江门;Shantou=汕头",
  ),
  p("Guangxi", "广西", "Nanning=南宁;Liuzhou=柳州;Guilin=桂林"),
  p("Hainan", "海南", "Haikou=海口;Sanya=三亚"),
  p("Sichuan", "四川", "Chengdu=成都;Mianyang=绵阳;Yibin=宜宾;Deyang=德阳"),
  p("Guizhou", "贵州", "Guiyang=贵阳;Zunyi=遵义"),
  p("Yunnan", "云南", "Kunming=昆明;Qujing=曲靖;Dali=大理"),
  p("Tibet", "西藏", "Lhasa=拉萨"),
  p("Shaanxi", "陕西", "Xi'an=西安;Baoji=宝鸡;Xianyang=咸阳;Yulin=榆林"),
  p("Gansu", "甘肃", "Lanzhou=兰州;Tianshui=天水"),
  p("Qinghai", "青海", "Xining=西宁"),
  p("Ningxia", "宁夏", "Yinchuan=银川"),
  p("Xinjiang", "新疆", "Urumqi=乌鲁木齐;Karamay=克拉玛依"),
  p("Hong Kong", "香港", "Hong Kong=香港"),
  p("Macau", "澳门", "Macau=澳门"),
  p("Taiwan", "台湾", "Taipei=台北"),
];

export const REGION_SEPARATOR = " · ";

const bare = (name: string) => name.trim().toLowerCase();
/** What a name is often written with: 浙江省, 杭州市, 广西壮族自治区, 香港特别行政区. */
const zhSuffix = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/u;
const stripZh = (name: string) => name.trim().replace(zhSuffix, "");

const provinceByName = new Map<string, Province>();
const cityByName = new Map<string, { province: Province; city: Place }>();
for (const province of provinces) {
  provinceByName.set(bare(province.en), province);
  provinceByName.set(province.zh, province);
  for (const city of province.cities) {
    for (const name of [bare(city.en), city.zh]) {
      // A city name shared with its province (北京, 上海) belongs to the province first.
      if (!cityByName.has(name)) cityByName.set(name, { province, city });
    }
  }
}
const zhNames = [...provinceByName.keys(), ...cityByName.keys()]
  .filter((n) => /\p{Script=Han}/u.test(n))
  .sort((a, b) => b.length - a.length);

function lookupProvince(name: string): Province | undefined {
  return provinceByName.get(bare(name)) ?? provinceByName.get(stripZh(name));
}

function lookupCity(name: string, within?: Province): Place | undefined {
  const found = cityByName.get(bare(name)) ?? cityByName.get(stripZh(name));
  if (found && (!within || found.province === within)) return found.city;
  return within?.cities.find((c) => c.zh === stripZh(name) || bare(c.en) === bare(name));
}

/** "浙江省杭州市" -> ["浙江", "杭州"]: Chinese written with no separator, read by the names it starts with. */
function splitRunTogether(text: string): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest) {
    const name = zhNames.find((n) => rest.startsWith(n));
    if (!name) return [];
    parts.push(name);
    rest = rest.slice(name.length).replace(/^(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)/u, "");
  }
  return parts;
}

/** A region in its kept form; a municipality is its own city (上海 · 上海 is Shanghai). */
const joined = (province: Province, city?: Place) =>
  city && city.en !== province.en ? `${province.en}${REGION_SEPARATOR}${city.en}` : province.en;

/**
 * A region as written by a seller or a bank's tape ("浙江 · 杭州", "浙江省杭州市", "Zhejiang, Hangzhou",
 * "杭州") in its kept form, "Zhejiang · Hangzhou"; text naming no known place comes back trimmed.
 */
export function canonicalRegion(text: string): string {
  const trimmed = text.trim();
  // Chinese names have no spaces in them, so a space separates them too ("浙江省 杭州市").
  const separator = /\p{Script=Han}/u.test(trimmed) ? /\s*[·・/,，、]\s*|\s+/ : /\s*[·・/,，、]\s*|\s+-\s+/;
  let parts = trimmed
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 1 && /\p{Script=Han}/u.test(parts[0]!)) {
    const split = splitRunTogether(parts[0]!);
    if (split.length) parts = split;
  }
  const [first, second] = parts;
  if (!first) return trimmed;
  const province = lookupProvince(first);
  if (province) {
    const city = second ? lookupCity(second, province) : undefined;
    if (second && !city) return trimmed;
    return joined(province, city);
  }
  if (parts.length === 1) {
    const found = cityByName.get(bare(first)) ?? cityByName.get(stripZh(first));
    if (found) return joined(found.province, found.city);
  }
  return trimmed;
}

/** One place name (a province or a city, as kept) in the reader's language; unknown names as they are. */
export function placeName(name: string, language: string): string {
  if (!language.startsWith("zh")) return name;
  const key = bare(name);
  return provinceByName.get(key)?.zh ?? cityByName.get(key)?.city.zh ?? name;
}

/** A kept region ("Zhejiang · Hangzhou") in the reader's language ("浙江 · 杭州"). */
export function regionName(region: string, language: string): string {
  if (!language.startsWith("zh")) return region;
  return region
    .split(REGION_SEPARATOR)
    .map((part) => placeName(part, language))
    .join(REGION_SEPARATOR);
}

/**
 * The English names of the places a search text names in Chinese (杭州 -> Hangzhou, 浙江 -> Zhejiang),
 * so that a search in either language finds a region kept in English.
 */
export function placesNamedBy(query: string): string[] {
  const q = query.trim();
  if (!/\p{Script=Han}/u.test(q)) return [];
  const names = new Set<string>();
  for (const province of provinces) {
    if (province.zh.includes(stripZh(q)) || q.includes(province.zh)) names.add(province.en);
    for (const city of province.cities) {
      if (city.zh.includes(stripZh(q)) || q.includes(city.zh)) names.add(city.en);
    }
  }
  return [...names];
}

/** Every province and city, for a region picker: the kept value and its names in both languages. */
export function regionChoices(): { value: string; en: string; zh: string }[] {
  return provinces.flatMap((province) =>
    province.cities.length === 1 && province.cities[0]!.en === province.en
      ? [{ value: province.en, en: province.en, zh: province.zh }]
      : province.cities.map((city) => ({
          value: `${province.en}${REGION_SEPARATOR}${city.en}`,
          en: `${province.en}${REGION_SEPARATOR}${city.en}`,
          zh: `${province.zh}${REGION_SEPARATOR}${city.zh}`,
        })),
  );
}
