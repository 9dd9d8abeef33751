"""Stories the local server's pages carry: Arabic and English negotiation news."""

AR_DOHA = (
    "الوسطاء يقدمون مقترحا جديدا لوقف إطلاق النار في غزة",
    "قالت مصادر مطلعة إن الوسطاء القطريين والمصريين قدموا مقترحا جديدا لوقف إطلاق النار في غزة "
    "خلال جولة المفاوضات التي عقدت في الدوحة بين وفدي إسرائيل وحركة حماس.",
    "وأضافت المصادر أن المقترح يتضمن تبادل الأسرى والرهائن على مراحل، وانسحابا تدريجيا، "
    "وإدخال المساعدات الإنسانية إلى القطاع، وأن الجولة المقبلة ستعقد في القاهرة الأسبوع المقبل.",
)
AR_CAIRO = (
    "مصر تستضيف جولة جديدة من المحادثات حول الهدنة",
    "أعلنت القاهرة أنها ستستضيف جولة جديدة من المحادثات غير المباشرة بين إسرائيل وحماس "
    "بمشاركة قطر والولايات المتحدة، بهدف التوصل إلى اتفاق هدنة وتبادل للأسرى.",
    "وقال مسؤول مصري إن الوفود ستبحث الخرائط والجدول الزمني للمرحلة الأولى من الاتفاق، "
    "وإن الوسطاء يأملون في تقليص الفجوات بين الطرفين خلال الأيام المقبلة.",
)
AR_CP1256 = (
    "قطر تدعو إلى استئناف المفاوضات المتعثرة",
    "دعت وزارة الخارجية القطرية الطرفين إلى العودة إلى طاولة المفاوضات بعد تعثر الجولة الأخيرة "
    "في الدوحة، مؤكدة أن الوساطة القطرية المصرية مستمرة رغم الصعوبات.",
    "وأوضح المتحدث باسم الخارجية أن الاتصالات مع إسرائيل وحماس لم تنقطع، وأن الوسطاء "
    "يعملون على صياغة مقترح معدل بشأن تبادل الأسرى ووقف إطلاق النار.",
)
EN_MUSCAT = (
    "Oman hosts a new round of Iran-US nuclear talks",
    "Iranian and American negotiators held a new round of indirect talks in Muscat on Saturday, "
    "with Omani mediators carrying messages between the two delegations about the nuclear programme "
    "and the lifting of sanctions.",
    "Officials said the sides agreed to meet again next week, and that technical teams would "
    "discuss enrichment limits and verification by the International Atomic Energy Agency.",
)
EN_OTHER = (
    "Stocks rise as oil prices fall",
    "Stock markets in the Gulf rose on Monday as oil prices fell for a third day, with investors "
    "watching central bank decisions and quarterly earnings reports from the largest companies.",
    "Analysts said trading volumes were thin ahead of the holidays and that the indexes could "
    "move sharply on any surprise in the coming weeks.",
)
