<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
  <context>
    <name>Mizan</name>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;تحرير</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;ملف</translation>
    </message>
    <message>
      <source>&amp;Go</source>
      <translation>ا&amp;نتقال</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>م&amp;ساعدة</translation>
    </message>
    <message>
      <source>&amp;Tools</source>
      <translation>أ&amp;دوات</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;عرض</translation>
    </message>
    <message>
      <source>(no cue)</source>
      <translation>(بلا فعل إسناد)</translation>
    </message>
    <message>
      <source>(no source)</source>
      <translation>(بلا مصدر)</translation>
    </message>
    <message>
      <source>(not linked)</source>
      <translation>(غير مربوط)</translation>
    </message>
    <message>
      <source>(not set)</source>
      <translation>(غير محدد)</translation>
    </message>
    <message>
      <source>A: {a} · B: {b} · {n}% of the words in common · struck out: only in A, underlined: only in B</source>
      <translation>المقارنة: A = {a} · B = {b} · {n}٪ من الكلمات مشتركة · المشطوب في A وحده، والمسطَّر في B وحده</translation>
    </message>
    <message>
      <source>About Mizan</source>
      <translation>عن ميزان</translation>
    </message>
    <message>
      <source>Accept</source>
      <translation>قبول</translation>
    </message>
    <message>
      <source>Accept / reject the selected suggestion</source>
      <translation>قبول الاقتراح المحدد / رفضه</translation>
    </message>
    <message>
      <source>In the mention list: accept / reject / next suggestion</source>
      <translation>في قائمة الإشارات: قبول الاقتراح / رفضه / الاقتراح التالي</translation>
    </message>
    <message>
      <source>A / R / N (when a suggestion is selected)</source>
      <translation>A / R / N (عند تحديد اقتراح)</translation>
    </message>
    <message>
      <source>Accept all suggestions</source>
      <translation>قبول كل الاقتراحات</translation>
    </message>
    <message>
      <source>Accept suggestion</source>
      <translation>قبول الاقتراح</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>الإجراء</translation>
    </message>
    <message>
      <source>Add to cluster</source>
      <translation>إضافة إلى مجموعة</translation>
    </message>
    <message>
      <source>Aliases</source>
      <translation>أسماء أخرى</translation>
    </message>
    <message>
      <source>All changes saved</source>
      <translation>حُفظت كل التغييرات</translation>
    </message>
    <message>
      <source>All events</source>
      <translation>كل الأحداث</translation>
    </message>
    <message>
      <source>All outlets</source>
      <translation>كل المنابر</translation>
    </message>
    <message>
      <source>All quote types</source>
      <translation>كل أنواع الاقتباس</translation>
    </message>
    <message>
      <source>All speakers</source>
      <translation>كل المتحدثين</translation>
    </message>
    <message>
      <source>All topics</source>
      <translation>كل الموضوعات</translation>
    </message>
    <message>
      <source>Also with attached و ف ب ك ل (e.g. وبوتين)</source>
      <translation>مع السوابق المتصلة و ف ب ك ل أيضًا (مثل وبوتين)</translation>
    </message>
    <message>
      <source>Annotate</source>
      <translation>الترميز</translation>
    </message>
    <message>
      <source>Annotate Arabic news articles and weigh what different outlets report.</source>
      <translation>ترميز الأخبار العربية والموازنة بين ما تنقله المنابر المختلفة.</translation>
    </message>
    <message>
      <source>Annotate all occurrences</source>
      <translation>ترميز كل المواضع</translation>
    </message>
    <message>
      <source>Annotate all occurrences…</source>
      <translation>ترميز كل المواضع…</translation>
    </message>
    <message>
      <source>Annotation</source>
      <translation>الترميز</translation>
    </message>
    <message>
      <source>Annotations</source>
      <translation>الترميزات</translation>
    </message>
    <message>
      <source>Annotator</source>
      <translation>المرمِّز</translation>
    </message>
    <message>
      <source>Any status</source>
      <translation>أي حالة</translation>
    </message>
    <message>
      <source>Articles and annotated data (*.txt *.jsonl);;All files (*)</source>
      <translation>مقالات وبيانات مرمَّزة (*.txt *.jsonl);;كل الملفات (*)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>أُلغي</translation>
    </message>
    <message>
      <source>Cancelled: nothing was written.</source>
      <translation>أُلغي: لم يُكتب شيء.</translation>
    </message>
    <message>
      <source>Canonical name</source>
      <translation>الاسم المعتمد</translation>
    </message>
    <message>
      <source>Choose documents to compare</source>
      <translation>اختيار المستندات للمقارنة</translation>
    </message>
    <message>
      <source>Choose documents…</source>
      <translation>اختيار المستندات…</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>اختيار…</translation>
    </message>
    <message>
      <source>Chosen documents ({n})</source>
      <translation>المستندات المختارة ({n})</translation>
    </message>
    <message>
      <source>Claim</source>
      <translation>ادعاء</translation>
    </message>
    <message>
      <source>Claim A</source>
      <translation>الادعاء الأول</translation>
    </message>
    <message>
      <source>Claim B</source>
      <translation>الادعاء الثاني</translation>
    </message>
    <message>
      <source>Claims</source>
      <translation>الادعاءات</translation>
    </message>
    <message>
      <source>Claims across outlets</source>
      <translation>الادعاءات عبر المنابر</translation>
    </message>
    <message>
      <source>Cluster label</source>
      <translation>اسم المجموعة</translation>
    </message>
    <message>
      <source>Coarse labels (PERS / LOC / ORG / MISC)</source>
      <translation>وسوم موجزة (PERS / LOC / ORG / MISC)</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>قارن</translation>
    </message>
    <message>
      <source>Compare outlets</source>
      <translation>مقارنة المنابر</translation>
    </message>
    <message>
      <source>Compare outlets…</source>
      <translation>مقارنة المنابر…</translation>
    </message>
    <message>
      <source>Content</source>
      <translation>المضمون</translation>
    </message>
    <message>
      <source>Corpus</source>
      <translation>المدوّنة</translation>
    </message>
    <message>
      <source>Create and link</source>
      <translation>إنشاء وربط</translation>
    </message>
    <message>
      <source>Ctrl++ / Ctrl+- / Ctrl+0</source>
      <translation>Ctrl++ / Ctrl+- / Ctrl+0</translation>
    </message>
    <message>
      <source>Ctrl+B</source>
      <translation>Ctrl+B</translation>
    </message>
    <message>
      <source>Ctrl+D</source>
      <translation>Ctrl+D</translation>
    </message>
    <message>
      <source>Ctrl+E</source>
      <translation>Ctrl+E</translation>
    </message>
    <message>
      <source>Ctrl+F</source>
      <translation>Ctrl+F</translation>
    </message>
    <message>
      <source>Ctrl+I</source>
      <translation>Ctrl+I</translation>
    </message>
    <message>
      <source>Ctrl+K</source>
      <translation>Ctrl+K</translation>
    </message>
    <message>
      <source>Ctrl+L</source>
      <translation>Ctrl+L</translation>
    </message>
    <message>
      <source>Ctrl+O</source>
      <translation>Ctrl+O</translation>
    </message>
    <message>
      <source>Ctrl+PgDown / Ctrl+PgUp</source>
      <translation>Ctrl+PgDown / Ctrl+PgUp</translation>
    </message>
    <message>
      <source>Ctrl+Return / Ctrl+Backspace</source>
      <translation>Ctrl+Return / Ctrl+Backspace</translation>
    </message>
    <message>
      <source>Ctrl+Shift+A</source>
      <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
      <source>Ctrl+Z / Ctrl+Shift+Z</source>
      <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
      <source>Ctrl+click two cells to compare their wording word by word.</source>
      <translation>انقر مع Ctrl على خليتين لمقارنة صياغتيهما كلمةً كلمة.</translation>
    </message>
    <message>
      <source>Cue</source>
      <translation>فعل الإسناد</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>التاريخ</translation>
    </message>
    <message>
      <source>Del</source>
      <translation>Del</translation>
    </message>
    <message>
      <source>Delete annotation</source>
      <translation>حذف الترميز</translation>
    </message>
    <message>
      <source>Delete cluster</source>
      <translation>حذف المجموعة</translation>
    </message>
    <message>
      <source>Delete the selected annotation</source>
      <translation>حذف الترميز المحدد</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>المستند</translation>
    </message>
    <message>
      <source>Documents</source>
      <translation>المستندات</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>منجز</translation>
    </message>
    <message>
      <source>Double-click to open in the article; right-click for relation and cluster actions.</source>
      <translation>انقر مرتين لفتحه في المقال؛ وانقر بالزر الأيمن لتحديد العلاقة وإجراءات المجموعة.</translation>
    </message>
    <message>
      <source>Double-click to rename; right-click for cluster actions.</source>
      <translation>انقر مرتين لإعادة التسمية؛ وبالزر الأيمن لإجراءات المجموعة.</translation>
    </message>
    <message>
      <source>Edit claim</source>
      <translation>تعديل الادعاء</translation>
    </message>
    <message>
      <source>Edit claim…</source>
      <translation>تعديل الادعاء…</translation>
    </message>
    <message>
      <source>Edit the selected claim</source>
      <translation>تعديل الادعاء المحدد</translation>
    </message>
    <message>
      <source>Enter accepts, Delete rejects the selected suggestion.</source>
      <translation>مفتاح Enter يقبل الاقتراح المحدد، ومفتاح Delete يرفضه.</translation>
    </message>
    <message>
      <source>Enter in the Claims tab</source>
      <translation>Enter في تبويب الادعاءات</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>الحدث</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>القرائن</translation>
    </message>
    <message>
      <source>Exact characters instead of whole words</source>
      <translation>أحرف بعينها بدل الكلمات الكاملة</translation>
    </message>
    <message>
      <source>Existing entity</source>
      <translation>كيان موجود</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>تصدير</translation>
    </message>
    <message>
      <source>Export dataset</source>
      <translation>تصدير مجموعة البيانات</translation>
    </message>
    <message>
      <source>Export dataset…</source>
      <translation>تصدير مجموعة البيانات…</translation>
    </message>
    <message>
      <source>Exported</source>
      <translation>صُدِّر</translation>
    </message>
    <message>
      <source>F1</source>
      <translation>F1</translation>
    </message>
    <message>
      <source>F8 / Shift+F8</source>
      <translation>F8 / Shift+F8</translation>
    </message>
    <message>
      <source>Filter by outlet, title or event…</source>
      <translation>تصفية حسب المنبر أو العنوان أو الحدث…</translation>
    </message>
    <message>
      <source>Find</source>
      <translation>بحث</translation>
    </message>
    <message>
      <source>Finding occurrences…</source>
      <translation>جارٍ البحث عن المواضع…</translation>
    </message>
    <message>
      <source>Finding suggestions…</source>
      <translation>جارٍ البحث عن اقتراحات…</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>الصيغة</translation>
    </message>
    <message>
      <source>Forms of linked mentions only (link a mention to a registry entity to count it). Forms that only some outlets use are in bold.</source>
      <translation>صيغ الإشارات المربوطة فقط (اربط الإشارة بكيان في السجل لتُحتسب). الصيغ التي تستعملها بعض المنابر دون غيرها بخط عريض.</translation>
    </message>
    <message>
      <source>Group by entity</source>
      <translation>تجميع حسب الكيان</translation>
    </message>
    <message>
      <source>Group by label</source>
      <translation>تجميع حسب الوسم</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>استيراد</translation>
    </message>
    <message>
      <source>Import articles</source>
      <translation>استيراد مقالات</translation>
    </message>
    <message>
      <source>Import articles…</source>
      <translation>استيراد مقالات…</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
      <source>Indexing for search…</source>
      <translation>جارٍ فهرسة النصوص للبحث…</translation>
    </message>
    <message>
      <source>Search index ready</source>
      <translation>فهرس البحث جاهز</translation>
    </message>
    <message>
      <source>Search index not built:</source>
      <translation>لم يُبنَ فهرس البحث:</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <source>Include suggestions not yet accepted</source>
      <translation>تضمين الاقتراحات التي لم تُقبل بعد</translation>
    </message>
    <message>
      <source>Interface language</source>
      <translation>لغة الواجهة</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>المفاتيح</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>الاسم</translation>
    </message>
    <message>
      <source>Label of the new cluster</source>
      <translation>اسم المجموعة الجديدة</translation>
    </message>
    <message>
      <source>Label the selection / relabel the selected mention</source>
      <translation>وسم النص المحدد / تغيير وسم الإشارة المحددة</translation>
    </message>
    <message>
      <source>Link</source>
      <translation>ربط</translation>
    </message>
    <message>
      <source>Link the mention to a registry entity</source>
      <translation>ربط الإشارة بكيان في السجل</translation>
    </message>
    <message>
      <source>Link to registry entity</source>
      <translation>ربط بكيان في السجل</translation>
    </message>
    <message>
      <source>Link to registry entity…</source>
      <translation>ربط بكيان في السجل…</translation>
    </message>
    <message>
      <source>Main</source>
      <translation>الرئيسي</translation>
    </message>
    <message>
      <source>Mark document done</source>
      <translation>تعليم المستند منجزًا</translation>
    </message>
    <message>
      <source>Mark the document done</source>
      <translation>تعليم المستند منجزًا</translation>
    </message>
    <message>
      <source>Matches ignore diacritics, tatweel, hamza forms of alef, ى/ي and ة/ه. Each match becomes a suggestion labelled {label} for you to accept or reject.</source>
      <translation>تتجاهل المطابقة التشكيل والتطويل وصور الهمزة على الألف و ى/ي و ة/ه. يصبح كل تطابق اقتراحًا بالوسم {label} تقبله أو ترفضه.</translation>
    </message>
    <message>
      <source>Mentions</source>
      <translation>الإشارات</translation>
    </message>
    <message>
      <source>Merge clusters</source>
      <translation>دمج المجموعات</translation>
    </message>
    <message>
      <source>Mizan</source>
      <translation>ميزان</translation>
    </message>
    <message>
      <source>Waiting for another Mizan…</source>
      <translation>بانتظار نسخة أخرى من ميزان…</translation>
    </message>
    <message>
      <source>An internal error occurred; nothing was saved.</source>
      <translation>حدث خطأ داخلي؛ لم يُحفظ شيء.</translation>
    </message>
    <message>
      <source>Create a new database at {path}?</source>
      <translation>أأنشئ قاعدة بيانات جديدة في {path}؟</translation>
    </message>
    <message>
      <source>No database exists at this path.</source>
      <translation>لا توجد قاعدة بيانات في هذا المسار.</translation>
    </message>
    <message>
      <source>Create</source>
      <translation>إنشاء</translation>
    </message>
    <message>
      <source>{n} of {m} matching documents</source>
      <translation>{n} من {m} وثيقة مطابقة</translation>
    </message>
    <message>
      <source>Mizan database (*.db);;All files (*)</source>
      <translation>قاعدة بيانات ميزان (*.db);;كل الملفات (*)</translation>
    </message>
    <message>
      <source>Move to cluster</source>
      <translation>نقل إلى مجموعة</translation>
    </message>
    <message>
      <source>Naming</source>
      <translation>التسميات</translation>
    </message>
    <message>
      <source>New claim from the selected content</source>
      <translation>ادعاء جديد من المضمون المحدد</translation>
    </message>
    <message>
      <source>New claim from the selection…</source>
      <translation>ادعاء جديد من النص المحدد…</translation>
    </message>
    <message>
      <source>New cluster</source>
      <translation>مجموعة جديدة</translation>
    </message>
    <message>
      <source>New cluster from the selected claims…</source>
      <translation>مجموعة جديدة من الادعاءات المحددة…</translation>
    </message>
    <message>
      <source>New cluster…</source>
      <translation>مجموعة جديدة…</translation>
    </message>
    <message>
      <source>New entity from this mention</source>
      <translation>كيان جديد من هذه الإشارة</translation>
    </message>
    <message>
      <source>Next / previous annotation</source>
      <translation>الترميز التالي / السابق</translation>
    </message>
    <message>
      <source>Next / previous document</source>
      <translation>المستند التالي / السابق</translation>
    </message>
    <message>
      <source>Next annotation</source>
      <translation>الترميز التالي</translation>
    </message>
    <message>
      <source>Next document</source>
      <translation>المستند التالي</translation>
    </message>
    <message>
      <source>No suggestions: annotate claims in these documents, or all were handled.</source>
      <translation>لا اقتراحات: علِّم ادعاءات في هذه المستندات، أو أنها عولجت كلها.</translation>
    </message>
    <message>
      <source>Not in any cluster: claims only this outlet carries so far</source>
      <translation>خارج أي مجموعة: ادعاءات لم يورِدها حتى الآن إلا هذا المنبر</translation>
    </message>
    <message>
      <source>Not saved</source>
      <translation>لم يُحفظ</translation>
    </message>
    <message>
      <source>Not started</source>
      <translation>لم يبدأ</translation>
    </message>
    <message>
      <source>Not the same proposition; never suggest again (Delete)</source>
      <translation>ليسا القضية نفسها؛ لا تقترحهما مجددًا (Delete)</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>ملاحظة</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>ملاحظات</translation>
    </message>
    <message>
      <source>Open another database</source>
      <translation>فتح قاعدة بيانات أخرى</translation>
    </message>
    <message>
      <source>Open database…</source>
      <translation>فتح قاعدة بيانات…</translation>
    </message>
    <message>
      <source>Open in the article</source>
      <translation>فتح في المقال</translation>
    </message>
    <message>
      <source>Open or create a database</source>
      <translation>فتح قاعدة بيانات أو إنشاؤها</translation>
    </message>
    <message>
      <source>Original source</source>
      <translation>المصدر الأصلي</translation>
    </message>
    <message>
      <source>Outlet</source>
      <translation>المنبر</translation>
    </message>
    <message>
      <source>Pick an event or choose documents to compare: at least two are needed.</source>
      <translation>اختر حدثًا أو مستندات للمقارنة: يلزم اثنان على الأقل.</translation>
    </message>
    <message>
      <source>Pick an event…</source>
      <translation>اختر حدثًا…</translation>
    </message>
    <message>
      <source>Polarity</source>
      <translation>القطبية</translation>
    </message>
    <message>
      <source>Previous annotation</source>
      <translation>الترميز السابق</translation>
    </message>
    <message>
      <source>Previous document</source>
      <translation>المستند السابق</translation>
    </message>
    <message>
      <source>Progress</source>
      <translation>التقدم</translation>
    </message>
    <message>
      <source>Proposed — check before saving:</source>
      <translation>مقترح — راجعه قبل الحفظ:</translation>
    </message>
    <message>
      <source>Published</source>
      <translation>تاريخ النشر</translation>
    </message>
    <message>
      <source>Published must be a date like 2023-03-15.</source>
      <translation>يجب أن يكون تاريخ النشر بصيغة 2023-03-15.</translation>
    </message>
    <message>
      <source>Put both claims in one cluster (Enter)</source>
      <translation>ضمّ الادعاءين في مجموعة واحدة (Enter)</translation>
    </message>
    <message>
      <source>Put the selected claims in a new cluster</source>
      <translation>ضمّ الادعاءات المحددة في مجموعة جديدة</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>خروج</translation>
    </message>
    <message>
      <source>Quote type</source>
      <translation>نوع الاقتباس</translation>
    </message>
    <message>
      <source>Reading font</source>
      <translation>خط القراءة</translation>
    </message>
    <message>
      <source>Reading font…</source>
      <translation>خط القراءة…</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>إعادة</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>تحديث</translation>
    </message>
    <message>
      <source>Reject</source>
      <translation>رفض</translation>
    </message>
    <message>
      <source>Reject all</source>
      <translation>رفض الكل</translation>
    </message>
    <message>
      <source>Reject suggestion</source>
      <translation>رفض الاقتراح</translation>
    </message>
    <message>
      <source>Relation</source>
      <translation>العلاقة</translation>
    </message>
    <message>
      <source>Reload claims, clusters and suggestions (F5)</source>
      <translation>إعادة تحميل الادعاءات والمجموعات والاقتراحات (F5)</translation>
    </message>
    <message>
      <source>Remove from cluster</source>
      <translation>إخراج من المجموعة</translation>
    </message>
    <message>
      <source>Rename cluster</source>
      <translation>إعادة تسمية المجموعة</translation>
    </message>
    <message>
      <source>Rename cluster…</source>
      <translation>إعادة تسمية المجموعة…</translation>
    </message>
    <message>
      <source>Reporting cue</source>
      <translation>فعل الإسناد</translation>
    </message>
    <message>
      <source>Reset zoom</source>
      <translation>إعادة التكبير</translation>
    </message>
    <message>
      <source>Save details</source>
      <translation>حفظ التفاصيل</translation>
    </message>
    <message>
      <source>Save to</source>
      <translation>الحفظ في</translation>
    </message>
    <message>
      <source>Score</source>
      <translation>الدرجة</translation>
    </message>
    <message>
      <source>Search all articles (Arabic-aware)…</source>
      <translation>البحث في كل المقالات (مع مراعاة العربية)…</translation>
    </message>
    <message>
      <source>Search names and aliases…</source>
      <translation>البحث في الأسماء والأسماء الأخرى…</translation>
    </message>
    <message>
      <source>Search the corpus</source>
      <translation>البحث في المدوّنة</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>البذرة</translation>
    </message>
    <message>
      <source>Select a claim first.</source>
      <translation>حدّد ادعاءً أولًا.</translation>
    </message>
    <message>
      <source>Select a mention first.</source>
      <translation>حدّد إشارة أولًا.</translation>
    </message>
    <message>
      <source>Select an annotation, then select its new extent and press Ctrl+B.</source>
      <translation>حدّد ترميزًا، ثم حدّد امتداده الجديد واضغط Ctrl+B.</translation>
    </message>
    <message>
      <source>Select cells in two or more cluster rows</source>
      <translation>حدِّد خلايا في صفّين أو أكثر من صفوف المجموعات</translation>
    </message>
    <message>
      <source>Select text in the article to annotate it.</source>
      <translation>حدّد نصًا في المقال لترميزه.</translation>
    </message>
    <message>
      <source>Labels</source>
      <translation>الوسوم</translation>
    </message>
    <message>
      <source>Show or hide the label palette (the label keys work either way)</source>
      <translation>إظهار لوحة الوسوم أو إخفاؤها (مفاتيح الوسوم تعمل في الحالتين)</translation>
    </message>
    <message>
      <source>Select the content of a claim and press S.</source>
      <translation>حدّد مضمون ادعاء ثم اضغط S.</translation>
    </message>
    <message>
      <source>Select the content of the claim first.</source>
      <translation>حدّد مضمون الادعاء أولًا.</translation>
    </message>
    <message>
      <source>Set its boundaries to the text selection</source>
      <translation>ضبط حدوده على النص المحدد</translation>
    </message>
    <message>
      <source>Set the selected annotation's boundaries to the text selection</source>
      <translation>ضبط حدود الترميز المحدد على النص المحدد</translation>
    </message>
    <message>
      <source>Snap selections to whole words</source>
      <translation>توسيع التحديد إلى كلمات كاملة</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>المصدر</translation>
    </message>
    <message>
      <source>Speaker</source>
      <translation>المتحدث</translation>
    </message>
    <message>
      <source>Split</source>
      <translation>التقسيم</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>الحالة</translation>
    </message>
    <message>
      <source>Suggestions</source>
      <translation>الاقتراحات</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>النص</translation>
    </message>
    <message>
      <source>The new language applies the next time Mizan starts.</source>
      <translation>تُطبَّق اللغة الجديدة عند تشغيل ميزان في المرة القادمة.</translation>
    </message>
    <message>
      <source>The outlet itself</source>
      <translation>المنبر نفسه</translation>
    </message>
    <message>
      <source>The whole corpus</source>
      <translation>المدوّنة كلها</translation>
    </message>
    <message>
      <source>This database is empty. Load the demo corpus — five Arabic articles on Russian–Syrian summits from several outlets — to try Mizan?</source>
      <translation>قاعدة البيانات هذه فارغة. هل تريد تحميل المدوّنة التجريبية — خمسة مقالات عربية عن القمم الروسية السورية من منابر عدة — لتجربة ميزان؟</translation>
    </message>
    <message>
      <source>This document</source>
      <translation>هذا المستند</translation>
    </message>
    <message>
      <source>This help</source>
      <translation>هذه المساعدة</translation>
    </message>
    <message>
      <source>Tick two or more documents.</source>
      <translation>أشِّر على مستندين أو أكثر.</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>العنوان</translation>
    </message>
    <message>
      <source>Topics</source>
      <translation>الموضوعات</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>النوع</translation>
    </message>
    <message>
      <source>URL</source>
      <translation>الرابط</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>تراجع</translation>
    </message>
    <message>
      <source>Undo / redo</source>
      <translation>تراجع / إعادة</translation>
    </message>
    <message>
      <source>Unnamed sources</source>
      <translation>مصادر غير مسماة</translation>
    </message>
    <message>
      <source>Welcome to Mizan</source>
      <translation>مرحبًا بك في ميزان</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>أين</translation>
    </message>
    <message>
      <source>Word differences</source>
      <translation>الفروق بين الكلمات</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>تكبير</translation>
    </message>
    <message>
      <source>Zoom in / out / reset</source>
      <translation>تكبير / تصغير / إعادة</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>تصغير</translation>
    </message>
    <message>
      <source>adds detail</source>
      <translation>يضيف تفصيلًا</translation>
    </message>
    <message>
      <source>agrees</source>
      <translation>يوافق</translation>
    </message>
    <message>
      <source>all annotators</source>
      <translation>كل المرمِّزين</translation>
    </message>
    <message>
      <source>asserted</source>
      <translation>مؤكَّد</translation>
    </message>
    <message>
      <source>characters</source>
      <translation>حرفًا</translation>
    </message>
    <message>
      <source>comma-separated, e.g. trade, earthquake</source>
      <translation>مفصولة بفواصل، مثل: تجارة، زلزال</translation>
    </message>
    <message>
      <source>conflicting figures</source>
      <translation>أرقام متعارضة</translation>
    </message>
    <message>
      <source>contradicts</source>
      <translation>يناقض</translation>
    </message>
    <message>
      <source>cue: {cue} — in the sentence before (none in this one)</source>
      <translation>فعل الإسناد: {cue} — في الجملة السابقة (لا فعل في هذه الجملة)</translation>
    </message>
    <message>
      <source>cue: {cue} — the nearest reporting verb before</source>
      <translation>فعل الإسناد: {cue} — أقرب فعل إسناد قبله</translation>
    </message>
    <message>
      <source>denied</source>
      <translation>منفي</translation>
    </message>
    <message>
      <source>direct quote</source>
      <translation>اقتباس مباشر</translation>
    </message>
    <message>
      <source>e.g. 80/10/10 (empty: no split)</source>
      <translation>مثل 80/10/10 (فارغ: بلا تقسيم)</translation>
    </message>
    <message>
      <source>hedged</source>
      <translation>متحفَّظ</translation>
    </message>
    <message>
      <source>hold Alt while selecting</source>
      <translation>اضغط Alt أثناء التحديد</translation>
    </message>
    <message>
      <source>in cluster «{label}»</source>
      <translation>في المجموعة «{label}»</translation>
    </message>
    <message>
      <source>indirect (paraphrase)</source>
      <translation>غير مباشر (إعادة صياغة)</translation>
    </message>
    <message>
      <source>label keys (see palette)</source>
      <translation>مفاتيح الوسوم (انظر اللوحة)</translation>
    </message>
    <message>
      <source>mixed</source>
      <translation>مختلط</translation>
    </message>
    <message>
      <source>no cue and no speaker: the outlet's own assertion</source>
      <translation>لا فعل إسناد ولا متحدث: تقرير المنبر نفسه</translation>
    </message>
    <message>
      <source>no date</source>
      <translation>بلا تاريخ</translation>
    </message>
    <message>
      <source>not in a cluster</source>
      <translation>خارج المجموعات</translation>
    </message>
    <message>
      <source>other spellings, separated by ؛ or ;</source>
      <translation>صيغ إملائية أخرى، يفصل بينها ؛ أو ;</translation>
    </message>
    <message>
      <source>polarity: denied — the content is negated ({word})</source>
      <translation>القطبية: منفي — المضمون منفي ({word})</translation>
    </message>
    <message>
      <source>polarity: asserted — {word} here means “what”, not a negation</source>
      <translation>القطبية: مثبت — {word} هنا اسم موصول بمعنى «الذي»، لا أداة نفي</translation>
    </message>
    <message>
      <source>polarity: denied — the cue {cue} is a denial</source>
      <translation>القطبية: منفي — فعل الإسناد {cue} فعل نفي</translation>
    </message>
    <message>
      <source>polarity: hedged — the content is hedged ({word})</source>
      <translation>القطبية: متحفَّظ — في المضمون تحفّظ ({word})</translation>
    </message>
    <message>
      <source>quote type: direct — the content is inside quotation marks</source>
      <translation>نوع الاقتباس: مباشر — المضمون بين علامتي تنصيص</translation>
    </message>
    <message>
      <source>quote type: indirect — attributed, not in quotation marks</source>
      <translation>نوع الاقتباس: غير مباشر — منسوب وليس بين علامتي تنصيص</translation>
    </message>
    <message>
      <source>quote type: mixed — the content contains a quotation</source>
      <translation>نوع الاقتباس: مختلط — في المضمون اقتباس</translation>
    </message>
    <message>
      <source>reframes</source>
      <translation>يعيد التأطير</translation>
    </message>
    <message>
      <source>registry</source>
      <translation>السجل</translation>
    </message>
    <message>
      <source>reported by {n} of {k}</source>
      <translation>ورد في {n} من {k}</translation>
    </message>
    <message>
      <source>same event</source>
      <translation>الحدث نفسه</translation>
    </message>
    <message>
      <source>same figures:</source>
      <translation>الأرقام نفسها:</translation>
    </message>
    <message>
      <source>same names:</source>
      <translation>الأسماء نفسها:</translation>
    </message>
    <message>
      <source>same speaker:</source>
      <translation>المتحدث نفسه:</translation>
    </message>
    <message>
      <source>source: {source} — the nearest {label} mention before the content</source>
      <translation>المصدر: {source} — أقرب إشارة {label} قبل المضمون</translation>
    </message>
    <message>
      <source>source: {source} — no speaker near the cue: the last person named before, who the text continues</source>
      <translation>المصدر: {source} — لا متحدث قرب فعل الإسناد: آخر شخص ذُكر قبله، ويواصل النص كلامه</translation>
    </message>
    <message>
      <source>source: {source} (registry) — no speaker near the cue: the last person named before, who the text continues</source>
      <translation>المصدر: {source} (السجل) — لا متحدث قرب فعل الإسناد: آخر شخص ذُكر قبله، ويواصل النص كلامه</translation>
    </message>
    <message>
      <source>not proposed: {source} — inside another quotation</source>
      <translation>لم يُقترح: {source} — داخل اقتباس آخر</translation>
    </message>
    <message>
      <source>suggestion</source>
      <translation>اقتراح</translation>
    </message>
    <message>
      <source>the outlet's own assertion</source>
      <translation>تقرير المنبر نفسه</translation>
    </message>
    <message>
      <source>via</source>
      <translation>عبر</translation>
    </message>
    <message>
      <source>will be stored as [{start}, {end}) · {n} characters</source>
      <translation>سيُحفظ بوصفه [{start}, {end}) · {n} حرفًا</translation>
    </message>
    <message>
      <source>wording {n}</source>
      <translation>تشابه الصياغة {n}</translation>
    </message>
    <message>
      <source>{d} documents · {m} mentions · {c} claims will be exported.</source>
      <translation>سيُصدَّر {d} مستند · {m} إشارة · {c} ادعاء.</translation>
    </message>
    <message>
      <source>{n} claim(s)</source>
      <translation>{n} ادعاء</translation>
    </message>
    <message>
      <source>{n} claim(s) in no cluster</source>
      <translation>{n} ادعاء خارج المجموعات</translation>
    </message>
    <message>
      <source>{n} claim(s), in {k} cluster(s)</source>
      <translation>{n} ادعاء، في {k} مجموعة</translation>
    </message>
    <message>
      <source>{n} cluster(s)</source>
      <translation>{n} مجموعة</translation>
    </message>
    <message>
      <source>{n} conflict(s)</source>
      <translation>{n} تعارض</translation>
    </message>
    <message>
      <source>{n} document(s)</source>
      <translation>{n} مستند</translation>
    </message>
    <message>
      <source>{n} suggested pair(s), best first.</source>
      <translation>{n} زوج مقترح، الأفضل أولًا.</translation>
    </message>
    <message>
      <source>{n} weaker candidate(s) hidden.</source>
      <translation>{n} مرشح أضعف مخفي.</translation>
    </message>
    <message>
      <source>{n} weaker candidate(s) after them.</source>
      <translation>{n} مرشح أضعف بعدها.</translation>
    </message>
    <message>
      <source>In other outlets</source>
      <translation>في وسائل إعلام أخرى</translation>
    </message>
    <message>
      <source>Select a claim to see how other outlets report it.</source>
      <translation>اختر ادعاءً لترى كيف تنقله وسائل الإعلام الأخرى.</translation>
    </message>
    <message>
      <source>Compare across outlets</source>
      <translation>قارن بين وسائل الإعلام</translation>
    </message>
    <message>
      <source>Open the Compare window on this claim (Ctrl+Shift+C)</source>
      <translation>افتح نافذة المقارنة على هذا الادعاء (Ctrl+Shift+C)</translation>
    </message>
    <message>
      <source>Looking in other outlets…</source>
      <translation>جارٍ البحث في وسائل الإعلام الأخرى…</translation>
    </message>
    <message>
      <source>No candidate in other outlets.</source>
      <translation>لا مرشح في وسائل الإعلام الأخرى.</translation>
    </message>
    <message>
      <source>{n} candidate(s) in other outlets</source>
      <translation>{n} مرشح في وسائل الإعلام الأخرى</translation>
    </message>
    <message>
      <source>{n} with conflicting figures</source>
      <translation>{n} بأرقام متعارضة</translation>
    </message>
    <message>
      <source>strong</source>
      <translation>قوي</translation>
    </message>
    <message>
      <source>weaker</source>
      <translation>أضعف</translation>
    </message>
    <message>
      <source>Compare this claim across outlets</source>
      <translation>قارن هذا الادعاء بين وسائل الإعلام</translation>
    </message>
    <message>
      <source>Show weaker candidates</source>
      <translation>إظهار المرشحين الأضعف</translation>
    </message>
    <message>
      <source>List each claim's lower-ranked candidates after the strong ones (Ctrl+Shift+W)</source>
      <translation>إدراج المرشحين الأدنى ترتيبًا لكل ادعاء بعد الأقوياء (Ctrl+Shift+W)</translation>
    </message>
    <message>
      <source>{n} suggestion(s)</source>
      <translation>{n} اقتراح</translation>
    </message>
    <message>
      <source>{n} suggestion(s) added: accept or reject them in the panel.</source>
      <translation>أُضيف {n} اقتراح: اقبلها أو ارفضها في اللوحة.</translation>
    </message>
    <message>
      <source>— not reported —</source>
      <translation>— لم يُذكر —</translation>
    </message>
    <message>
      <source>Annotate all</source>
      <translation>وسم الكل</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>إغلاق</translation>
    </message>
    <message>
      <source>Each field is saved when you leave it; Ctrl+Z undoes it.</source>
      <translation>يُحفظ كل حقل عند مغادرته؛ و⁦Ctrl+Z⁩ يتراجع عنه.</translation>
    </message>
    <message>
      <source>Exact characters</source>
      <translation>أحرف بعينها</translation>
    </message>
    <message>
      <source>Select exact characters</source>
      <translation>تحديد أحرف بعينها</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>التالي</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>السابق</translation>
    </message>
    <message>
      <source>Panels</source>
      <translation>اللوحات</translation>
    </message>
    <message>
      <source>Suggestions to review</source>
      <translation>اقتراحات للمراجعة</translation>
    </message>
    <message>
      <source>in another quotation</source>
      <translation>داخل اقتباس آخر</translation>
    </message>
    <message>
      <source>selected annotation [{start}, {end}) · select text to make a new one</source>
      <translation>الوسم المحدد [{start}, {end}) · حدّد نصاً لإنشاء وسم جديد</translation>
    </message>
    <message>
      <source>{parts} will be exported.</source>
      <translation>سيُصدَّر {parts}.</translation>
    </message>
    <message>
      <source>{n} document</source>
      <translation>{n} مستند</translation>
    </message>
    <message>
      <source>{n} documents</source>
      <translation>{n} مستندات</translation>
    </message>
    <message>
      <source>{n} mention</source>
      <translation>{n} إشارة</translation>
    </message>
    <message>
      <source>{n} mentions</source>
      <translation>{n} إشارات</translation>
    </message>
    <message>
      <source>{n} claim</source>
      <translation>{n} ادعاء</translation>
    </message>
    <message>
      <source>{n} claims</source>
      <translation>{n} ادعاءات</translation>
    </message>
    <message>
      <source>¶{n}</source>
      <translation>¶{n}</translation>
    </message>
    <message>
      <source>undo {x}</source>
      <translation>تراجع عن {x}</translation>
    </message>
    <message>
      <source>redo {x}</source>
      <translation>إعادة {x}</translation>
    </message>
    <message>
      <source>claim «{x}»</source>
      <translation>ادعاء «{x}»</translation>
    </message>
    <message>
      <source>change claim «{x}»</source>
      <translation>تعديل الادعاء «{x}»</translation>
    </message>
    <message>
      <source>delete {x} claim(s)</source>
      <translation>حذف {x} ادعاء</translation>
    </message>
    <message>
      <source>delete {x} mention(s)</source>
      <translation>حذف {x} إشارة</translation>
    </message>
    <message>
      <source>change mention ({x})</source>
      <translation>تعديل الإشارة ({x})</translation>
    </message>
    <message>
      <source>accept {x} suggestion(s)</source>
      <translation>قبول {x} اقتراح</translation>
    </message>
    <message>
      <source>reject {x} suggestion(s)</source>
      <translation>رفض {x} اقتراح</translation>
    </message>
    <message>
      <source>suggest {x}</source>
      <translation>اقتراح {x}</translation>
    </message>
    <message>
      <source>new entity «{x}»</source>
      <translation>كيان جديد «{x}»</translation>
    </message>
    <message>
      <source>new cluster «{x}»</source>
      <translation>مجموعة جديدة «{x}»</translation>
    </message>
    <message>
      <source>split cluster «{x}»</source>
      <translation>تقسيم المجموعة «{x}»</translation>
    </message>
    <message>
      <source>rename cluster «{x}»</source>
      <translation>إعادة تسمية المجموعة «{x}»</translation>
    </message>
    <message>
      <source>relation: {x}</source>
      <translation>العلاقة: {x}</translation>
    </message>
    <message>
      <source>add to cluster</source>
      <translation>إضافة إلى مجموعة</translation>
    </message>
    <message>
      <source>reject suggestion</source>
      <translation>رفض الاقتراح</translation>
    </message>
    <message>
      <source>remove from cluster</source>
      <translation>إخراج من المجموعة</translation>
    </message>
    <message>
      <source>move to cluster</source>
      <translation>نقل إلى مجموعة</translation>
    </message>
    <message>
      <source>merge clusters</source>
      <translation>دمج المجموعات</translation>
    </message>
    <message>
      <source>delete cluster</source>
      <translation>حذف المجموعة</translation>
    </message>
    <message>
      <source>edit document details</source>
      <translation>تعديل تفاصيل المستند</translation>
    </message>
    <message>
      <source>mark done</source>
      <translation>وضع علامة: منجز</translation>
    </message>
    <message>
      <source>mark in progress</source>
      <translation>وضع علامة: قيد العمل</translation>
    </message>
    <message>
      <source>mark not started</source>
      <translation>وضع علامة: لم يبدأ</translation>
    </message>
    <message>
      <source>nothing changed</source>
      <translation>لم يتغير شيء</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>(بلا)</translation>
    </message>
    <message>
      <source>(the outlet)</source>
      <translation>(الوسيلة نفسها)</translation>
    </message>
    <message>
      <source>A database holds a corpus and everyone's annotations (one file).</source>
      <translation>قاعدة البيانات تحفظ المدونة وتوسيمات الجميع (ملف واحد).</translation>
    </message>
    <message>
      <source>Annotator name</source>
      <translation>اسم الموسِّم</translation>
    </message>
    <message>
      <source>Arabic</source>
      <translation>العربية</translation>
    </message>
    <message>
      <source>Article font</source>
      <translation>خط المقال</translation>
    </message>
    <message>
      <source>Article font size</source>
      <translation>حجم خط المقال</translation>
    </message>
    <message>
      <source>CSV table (*.csv)</source>
      <translation>جدول CSV (*.csv)</translation>
    </message>
    <message>
      <source>Claims per speaker per outlet</source>
      <translation>الادعاءات لكل متحدث في كل وسيلة</translation>
    </message>
    <message>
      <source>Clear the list</source>
      <translation>مسح القائمة</translation>
    </message>
    <message>
      <source>Clusters</source>
      <translation>المجموعات</translation>
    </message>
    <message>
      <source>Copy table</source>
      <translation>نسخ الجدول</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>داكن</translation>
    </message>
    <message>
      <source>Default database</source>
      <translation>قاعدة البيانات الافتراضية</translation>
    </message>
    <message>
      <source>English</source>
      <translation>الإنجليزية</translation>
    </message>
    <message>
      <source>Entities</source>
      <translation>الكيانات</translation>
    </message>
    <message>
      <source>Five Arabic articles on one event from several outlets, with annotated claims and clusters across outlets (one with a date conflict), to try Mizan.</source>
      <translation>خمسة مقالات عربية عن حدث واحد من عدة وسائل، فيها ادعاءات مشروحة ومجموعات تجمعها عبر الوسائل (إحداها فيها تعارض في التاريخ)، لتجربة ميزان.</translation>
    </message>
    <message>
      <source>General</source>
      <translation>عام</translation>
    </message>
    <message>
      <source>Keys to know</source>
      <translation>مفاتيح مفيدة</translation>
    </message>
    <message>
      <source>Label keys (P, O, G …)</source>
      <translation>مفاتيح الوسوم (P، O، G …)</translation>
    </message>
    <message>
      <source>Labels per outlet</source>
      <translation>الوسوم لكل وسيلة</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>فاتح</translation>
    </message>
    <message>
      <source>Mizan helps you annotate Arabic news articles: mark people, places and organisations, record who claimed what, link names to one registry, and compare how different outlets report the same event. Your work is saved as you go and can be exported as a dataset.</source>
      <translation>يساعدك ميزان على توسيم المقالات الإخبارية العربية: حدِّد الأشخاص والأماكن والمنظمات، وسجِّل من ادّعى ماذا، واربط الأسماء بسجل واحد، وقارن كيف تنقل الوسائل المختلفة الحدث نفسه. يُحفظ عملك أولًا بأول ويمكن تصديره مجموعةَ بيانات.</translation>
    </message>
    <message>
      <source>No recent databases</source>
      <translation>لا قواعد بيانات حديثة</translation>
    </message>
    <message>
      <source>Nothing to count yet.</source>
      <translation>لا شيء يُعدّ بعد.</translation>
    </message>
    <message>
      <source>Open or create a database…</source>
      <translation>فتح قاعدة بيانات أو إنشاؤها…</translation>
    </message>
    <message>
      <source>Open recent</source>
      <translation>فتح الأخيرة</translation>
    </message>
    <message>
      <source>Open the demo corpus</source>
      <translation>فتح المدونة التجريبية</translation>
    </message>
    <message>
      <source>PNG image (*.png)</source>
      <translation>صورة PNG (*.png)</translation>
    </message>
    <message>
      <source>Plain-text articles (.txt) or annotated data (.jsonl, brat, XMI …).</source>
      <translation>مقالات نصية (.txt) أو بيانات موسومة (.jsonl، brat، XMI …).</translation>
    </message>
    <message>
      <source>Progress per annotator</source>
      <translation>التقدم لكل موسِّم</translation>
    </message>
    <message>
      <source>Quote types per outlet</source>
      <translation>أنواع الاقتباس لكل وسيلة</translation>
    </message>
    <message>
      <source>Reading</source>
      <translation>القراءة</translation>
    </message>
    <message>
      <source>SVG image (*.svg)</source>
      <translation>صورة SVG (*.svg)</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>حفظ</translation>
    </message>
    <message>
      <source>Save chart as PNG…</source>
      <translation>حفظ الرسم بصيغة PNG…</translation>
    </message>
    <message>
      <source>Save chart as SVG…</source>
      <translation>حفظ الرسم بصيغة SVG…</translation>
    </message>
    <message>
      <source>Save table as CSV…</source>
      <translation>حفظ الجدول بصيغة CSV…</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>حُفظ</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>الإعدادات</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>الإعدادات…</translation>
    </message>
    <message>
      <source>Show this window when Mizan starts</source>
      <translation>إظهار هذه النافذة عند بدء ميزان</translation>
    </message>
    <message>
      <source>Statistics</source>
      <translation>الإحصاءات</translation>
    </message>
    <message>
      <source>Statistics…</source>
      <translation>الإحصاءات…</translation>
    </message>
    <message>
      <source>System language</source>
      <translation>لغة النظام</translation>
    </message>
    <message>
      <source>Table copied</source>
      <translation>نُسخ الجدول</translation>
    </message>
    <message>
      <source>The annotator name and the default database apply at the next start.</source>
      <translation>يُطبَّق اسم الموسِّم وقاعدة البيانات الافتراضية عند البدء التالي.</translation>
    </message>
    <message>
      <source>Theme</source>
      <translation>السمة</translation>
    </message>
    <message>
      <source>This database no longer exists and was removed from the list:</source>
      <translation>قاعدة البيانات هذه لم تعد موجودة وأُزيلت من القائمة:</translation>
    </message>
    <message>
      <source>Welcome</source>
      <translation>الترحيب</translation>
    </message>
    <message>
      <source>a claim from the selected words</source>
      <translation>ادعاء من الكلمات المحددة</translation>
    </message>
    <message>
      <source>compare what outlets report</source>
      <translation>مقارنة ما تنقله الوسائل</translation>
    </message>
    <message>
      <source>every keyboard shortcut</source>
      <translation>كل اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
      <source>export a dataset</source>
      <translation>تصدير مجموعة بيانات</translation>
    </message>
    <message>
      <source>mark the selected words with a label</source>
      <translation>وسم الكلمات المحددة</translation>
    </message>
    <message>
      <source>next / previous document</source>
      <translation>المستند التالي / السابق</translation>
    </message>
    <message>
      <source>others</source>
      <translation>أخرى</translation>
    </message>
    <message>
      <source>the file in the user data folder</source>
      <translation>الملف في مجلد بيانات المستخدم</translation>
    </message>
    <message>
      <source>undo / redo</source>
      <translation>تراجع / إعادة</translation>
    </message>
    <message>
      <source>your login name</source>
      <translation>اسم دخولك</translation>
    </message>
    <message>
      <source>Agreed, not merged</source>
      <translation>متفق عليه، لم يُدمج</translation>
    </message>
    <message>
      <source>Agreement</source>
      <translation>الاتفاق</translation>
    </message>
    <message>
      <source>Agreement needs two annotators who worked on the same documents.</source>
      <translation>يحتاج الاتفاق إلى مُعلِّمَين عملا على المستندات نفسها.</translation>
    </message>
    <message>
      <source>Agreement…</source>
      <translation>الاتفاق…</translation>
    </message>
    <message>
      <source>Annotators</source>
      <translation>المُعلِّمون</translation>
    </message>
    <message>
      <source>Curate this document…</source>
      <translation>تنقيح هذا المستند…</translation>
    </message>
    <message>
      <source>Curated</source>
      <translation>المُنقَّح</translation>
    </message>
    <message>
      <source>Curation</source>
      <translation>التنقيح</translation>
    </message>
    <message>
      <source>Disagreement</source>
      <translation>الخلاف</translation>
    </message>
    <message>
      <source>Documents compared</source>
      <translation>المستندات المقارنة</translation>
    </message>
    <message>
      <source>Double-click a document to curate it</source>
      <translation>انقر نقرًا مزدوجًا على مستند لتنقيحه</translation>
    </message>
    <message>
      <source>Edit span</source>
      <translation>تحرير المقطع</translation>
    </message>
    <message>
      <source>End</source>
      <translation>النهاية</translation>
    </message>
    <message>
      <source>Merge agreed spans</source>
      <translation>دمج المقاطع المتفق عليها</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>مفتوح</translation>
    </message>
    <message>
      <source>Show other annotators&apos; layers</source>
      <translation>إظهار طبقات المُعلِّمين الآخرين</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>البداية</translation>
    </message>
    <message>
      <source>Switch annotator</source>
      <translation>تبديل المُعلِّم</translation>
    </message>
    <message>
      <source>Switch annotator…</source>
      <translation>تبديل المُعلِّم…</translation>
    </message>
    <message>
      <source>Who is annotating?</source>
      <translation>من يُعلِّم؟</translation>
    </message>
    <message>
      <source>Who is annotating? Each annotator has their own layer.</source>
      <translation>من يُعلِّم؟ لكل مُعلِّم طبقته الخاصة.</translation>
    </message>
    <message>
      <source>boundary</source>
      <translation>الحدود</translation>
    </message>
    <message>
      <source>claim attribute</source>
      <translation>سمة الادعاء</translation>
    </message>
    <message>
      <source>claims</source>
      <translation>ادعاءات</translation>
    </message>
    <message>
      <source>drop</source>
      <translation>إسقاط</translation>
    </message>
    <message>
      <source>dropped</source>
      <translation>أُسقط</translation>
    </message>
    <message>
      <source>edit</source>
      <translation>تحرير</translation>
    </message>
    <message>
      <source>entity link</source>
      <translation>ربط الكيان</translation>
    </message>
    <message>
      <source>exact</source>
      <translation>مطابق</translation>
    </message>
    <message>
      <source>label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <source>mentions</source>
      <translation>إشارات</translation>
    </message>
    <message>
      <source>merge agreed spans</source>
      <translation>دمج المقاطع المتفق عليها</translation>
    </message>
    <message>
      <source>missing</source>
      <translation>غائب</translation>
    </message>
    <message>
      <source>overlap adds</source>
      <translation>يضيف التداخل</translation>
    </message>
    <message>
      <source>span F1 exact</source>
      <translation>F1 للمقاطع المطابقة</translation>
    </message>
    <message>
      <source>span F1 overlap</source>
      <translation>F1 للمقاطع المتداخلة</translation>
    </message>
    <message>
      <source>hold Ctrl while dragging (or Alt), or toggle Ctrl+Shift+X</source>
      <translation>اضغط ⁦Ctrl⁩ أثناء السحب (أو ⁦Alt⁩)، أو بدّل بـ ⁦Ctrl+Shift+X⁩</translation>
    </message>
  </context>
</TS>
