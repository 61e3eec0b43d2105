"""What the demo store sells and who shops there: plain data, no logic."""

from __future__ import annotations

from dataclasses import dataclass

STORE_ID = "S001"
STORE_NAME = "锦华百货（湖滨店）"
STORE_ADDRESS = "浙江省杭州市上城区湖滨路88号"
TRACKING_URL = "https://service.example-store.cn/t"
COUNTER_NAME = "一楼服务台 退换货与维修"


@dataclass(frozen=True)
class DemoStaff:
    staff_id: str
    name: str
    role: str
    pin: str


# The administrator is created by InitialiseCounter; the rest by RegisterStaff.
ADMIN = DemoStaff("9001", "吴敏", "admin", "9999")
STAFF = (
    DemoStaff("1001", "张丽", "clerk", "1111"),
    DemoStaff("1002", "王芳", "clerk", "2222"),
    DemoStaff("1003", "李娜", "clerk", "3333"),
    DemoStaff("1004", "刘洋", "clerk", "4444"),
    DemoStaff("2001", "陈强", "technician", "5555"),
    DemoStaff("2002", "杨磊", "technician", "6666"),
    DemoStaff("3001", "黄静", "manager", "7777"),
    DemoStaff("3002", "周杰", "manager", "8888"),
)
CLERK_IDS = tuple(s.staff_id for s in STAFF if s.role == "clerk")


@dataclass(frozen=True)
class Item:
    """A kind of product: the demo makes several SKUs of it (brands x variants)."""

    name: str
    low_yuan: int  # price range of its SKUs, whole yuan (prices end in .00/.90/.80)
    high_yuan: int
    variants: tuple[str, ...] = ("",)
    qty_max: int = 1


@dataclass(frozen=True)
class Category:
    category_id: str
    name: str
    kind: str
    brands: tuple[str, ...]
    items: tuple[Item, ...]


_COLOURS = ("黑色", "藏青", "驼色", "米白", "酒红", "雾霾蓝")
_SIZES = ("S", "M", "L", "XL")
_CLOTH = tuple(f"{c} {s}" for c in _COLOURS[:4] for s in _SIZES)
_DOWN = tuple(f"{c} {s}" for c in ("黑色", "米白", "藏青", "卡其", "红色")
              for s in ("M", "L", "XL"))

CATEGORIES: tuple[Category, ...] = (
    Category("F01", "新鲜水果", "fresh_food", ("", "精选", "产地直采"), (
        Item("红富士苹果", 19, 39, ("1.5kg装", "2.5kg装"), 3),
        Item("智利车厘子", 89, 199, ("JJ级 1kg", "JJJ级 1kg"), 2),
        Item("海南香蕉", 12, 19, ("1kg",), 3),
        Item("丹东草莓", 39, 69, ("500g",), 2),
        Item("赣南脐橙", 29, 49, ("2.5kg装",), 2),
        Item("阳光玫瑰葡萄", 39, 79, ("单串装",), 2),
        Item("徐香猕猴桃", 25, 45, ("12枚装",), 2),
    )),
    Category("F02", "肉禽水产", "fresh_food", ("", "冷鲜", "优选"), (
        Item("澳洲谷饲牛排", 89, 168, ("200g", "300g"), 3),
        Item("挪威三文鱼刺身", 69, 129, ("300g",), 2),
        Item("散养土鸡蛋", 29, 45, ("30枚",), 2),
        Item("黑猪五花肉", 29, 49, ("500g",), 3),
        Item("鲜活基围虾", 59, 99, ("500g",), 2),
        Item("冰鲜鸡胸肉", 15, 25, ("1kg",), 3),
    )),
    Category("F03", "乳品烘焙", "fresh_food", ("", "牧场", "每日"), (
        Item("鲜牛奶", 12, 19, ("950ml",), 4),
        Item("希腊酸奶", 9, 19, ("400g",), 4),
        Item("全麦吐司", 9, 16, ("400g",), 2),
        Item("儿童奶酪棒", 29, 45, ("20支",), 2),
        Item("手工蛋挞", 19, 29, ("6只装",), 2),
    )),
    Category("C01", "女装", "clothing", ("雅韵", "简朴", "暖阳"), (
        Item("双面羊毛大衣", 599, 2599, _CLOTH[:8]),
        Item("真丝衬衫", 299, 899, _CLOTH[:8]),
        Item("针织开衫", 199, 699, _CLOTH[:8]),
        Item("法式连衣裙", 299, 1299, _CLOTH[:8]),
        Item("高腰牛仔裤", 199, 599, _CLOTH[:8]),
    )),
    Category("C02", "男装", "clothing", ("简朴", "北境", "墨客"), (
        Item("免烫商务衬衫", 199, 599, _CLOTH[4:12]),
        Item("羊绒衫", 499, 1999, _CLOTH[4:12]),
        Item("休闲西装", 699, 2599, _CLOTH[4:12]),
        Item("立领夹克", 399, 1299, _CLOTH[4:12]),
    )),
    Category("C03", "羽绒服", "down_jacket", ("北境", "雪域", "极寒", "暖阳"), (
        Item("女士长款羽绒服", 899, 3299, _DOWN),
        Item("男士连帽羽绒服", 799, 2999, _DOWN),
        Item("儿童羽绒服", 399, 999, _DOWN[:6]),
        Item("轻薄羽绒马甲", 299, 799, _DOWN[:6]),
        Item("白鹅绒羽绒服", 1599, 4999, _DOWN),
    )),
    Category("C04", "鞋履箱包", "clothing", ("步云", "行者", "雅韵"), (
        Item("真皮手提包", 599, 2999, ("黑色", "焦糖色", "米白")),
        Item("缓震跑步鞋", 399, 1299, ("38码", "40码", "42码", "44码")),
        Item("商务皮鞋", 499, 1599, ("40码", "41码", "42码", "43码")),
        Item("通勤双肩包", 199, 799, ("黑色", "灰色")),
    )),
    Category("A01", "厨房电器", "appliance", ("佳厨", "禾美", "喜悦家", "优品"), (
        Item("IH电饭煲", 299, 1299, ("3L", "4L", "5L")),
        Item("空气炸锅", 299, 899, ("4.5L", "6L")),
        Item("破壁料理机", 499, 1999, ("1.75L",)),
        Item("电压力锅", 399, 999, ("5L", "6L")),
        Item("变频微波炉", 499, 1499, ("20L", "23L")),
        Item("恒温电热水壶", 99, 299, ("1.5L", "1.7L")),
    )),
    Category("A02", "生活电器", "appliance", ("净界", "禾美", "云栖", "优品"), (
        Item("无线吸尘器", 999, 3999, ("标准版", "旗舰版")),
        Item("扫地机器人", 1999, 4999, ("标准版", "自动集尘版")),
        Item("高速电吹风", 199, 1999, ("",)),
        Item("无雾加湿器", 199, 699, ("4L",)),
        Item("空气净化器", 999, 3999, ("标准版", "除醛版")),
        Item("石墨烯取暖器", 399, 1299, ("",)),
    )),
    Category("A03", "大家电", "appliance", ("海澜", "格瑞", "东芯"), (
        Item("滚筒洗衣机", 2499, 6999, ("10kg", "12kg")),
        Item("对开门冰箱", 3999, 9999, ("540L", "620L")),
        Item("变频空调挂机", 2699, 7999, ("1.5匹", "大1匹")),
        Item("4K智能电视", 2999, 9999, ("55英寸", "65英寸", "75英寸")),
    )),
    Category("E01", "手机数码", "electronics", ("星耀", "云途", "极点"), (
        Item("5G智能手机", 1999, 7999, ("8+256G", "12+256G", "12+512G")),
        Item("平板电脑", 1999, 5999, ("11英寸 128G", "11英寸 256G")),
        Item("智能手表", 999, 3299, ("42mm", "46mm")),
        Item("快充充电宝", 99, 299, ("10000mAh", "20000mAh")),
    )),
    Category("E02", "影音耳机", "electronics", ("声悦", "极点", "云途"), (
        Item("蓝牙耳机", 199, 1999, ("白色", "黑色")),
        Item("主动降噪耳机", 999, 2999, ("黑色", "银色")),
        Item("便携蓝牙音箱", 199, 1499, ("",)),
    )),
    Category("E03", "电脑办公", "electronics", ("星耀", "云途", "拓维"), (
        Item("轻薄笔记本电脑", 3999, 12999, ("14英寸 16G+512G", "16英寸 32G+1T")),
        Item("27英寸显示器", 999, 3999, ("2K", "4K")),
        Item("无线键鼠套装", 99, 399, ("",)),
        Item("彩色喷墨打印机", 599, 1999, ("",)),
    )),
    Category("J01", "黄金饰品", "jewelry", ("金福", "瑞祥", "福满堂"), (
        Item("足金黄金项链", 2999, 19999, ("古法 10g", "素链 5g", "转运珠 3g")),
        Item("足金黄金手镯", 5999, 29999, ("古法 30g", "光面 20g")),
        Item("足金黄金戒指", 1999, 6999, ("素圈", "福字")),
        Item("足金黄金耳钉", 899, 2999, ("",)),
    )),
    Category("J02", "珠宝玉石", "jewelry", ("瑞祥", "玉缘", "珍韵"), (
        Item("翡翠平安扣吊坠", 1999, 19999, ("",)),
        Item("淡水珍珠项链", 599, 2999, ("7-8mm", "8-9mm")),
        Item("钻石戒指", 4999, 29999, ("30分", "50分")),
        Item("925银手链", 199, 599, ("",)),
    )),
)

# Gifts handed out with big purchases: price 0 on the receipt, a declared value that a return
# deducts when the gift is not brought back.
GIFT_CATEGORY = Category("G01", "赠品", "general", ("",), (
    Item("定制保温杯", 59, 59), Item("品牌帆布袋", 29, 29), Item("硅胶锅铲套装", 49, 49),
    Item("耳机收纳盒", 39, 39), Item("首饰礼盒", 69, 69), Item("电器延保卡（一年）", 199, 199),
))

# Which gift goes with a purchase of which kind.
GIFTS_BY_KIND = {
    "appliance": ("定制保温杯", "硅胶锅铲套装", "电器延保卡（一年）"),
    "electronics": ("耳机收纳盒", "品牌帆布袋"),
    "jewelry": ("首饰礼盒",),
    "down_jacket": ("品牌帆布袋",),
}

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
)
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华飞鑫波宁红斌玉萍建国志文辉婷雪琳晨浩宇欣怡"
    "子涵梓轩雨桐思远嘉怡佳琪俊杰一鸣晓东海燕春梅秋菊冬青佩瑶心怡博文天佑慧敏若曦亦菲书恒诗琪"
)
PHONE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                  "152", "155", "156", "157", "158", "159", "166", "176", "177", "180", "181",
                  "182", "183", "185", "186", "187", "188", "189", "191", "198", "199")

FAULTS = {
    "down_jacket": ("拉链头脱落，无法拉合", "袖口开线", "前襟跑绒严重", "纽扣脱落两颗",
                    "帽子连接处撕裂", "干洗后充绒结块"),
    "clothing": ("肩部缝线开裂", "纽扣脱落", "拉链卡齿", "裤脚需改短"),
    "appliance": ("通电后不加热", "工作时有异响", "无法开机，指示灯不亮", "显示屏报错E3",
                  "密封圈漏气", "运转时有焦糊味", "遥控失灵", "漏水"),
    "electronics": ("无法充电", "左耳无声音", "屏幕闪烁", "电池续航明显下降", "蓝牙无法配对",
                    "按键失灵", "频繁死机重启", "摄像头对焦失败"),
    "jewelry": ("项链链扣松动", "戒指尺寸需调整", "手镯表面划痕需抛光", "吊坠挂环变形"),
}

PROMOTIONS = (  # (threshold yuan, reduction yuan) for 满减
    (300, 50), (500, 100), (1000, 200), (2000, 400),
)
COUPONS = ((20, "会员券 满199减20"), (50, "新客券 满499减50"), (100, "生日券 满999减100"))
