# Statistics (issue 17): dashboards, releases, the register, table titles and the words for the facts' codes. key -> (en, ru, az).
import os as _os, sys as _sys
_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))

S = {
"Nav_Statistics": ("Statistics", "Статистика", "Statistika"),
"Nav_StatisticsHint": ("Figures on victims, referrals, shelters, the helpline and justice, protected before anyone sees them; releases for GRETA, the TIP report and the annual report.",
    "Данные о жертвах, направлениях, приютах, горячей линии и правосудии, защищённые до показа; выпуски для GRETA, доклада TIP и ежегодного доклада.",
    "Qurbanlar, göndərişlər, sığınacaqlar, qaynar xətt və ədliyyə üzrə göstəricilər, göstərilməzdən əvvəl qorunur; GRETA, TIP hesabatı və illik hesabat üçün buraxılışlar."),
"Stat_PeriodRequired": ("Choose the period: the calendar year or April to March", "Выберите период: календарный год или апрель–март", "Dövrü seçin: təqvim ili və ya aprel–mart"),
"Stat_YearRequired": ("Enter the year", "Укажите год", "İli daxil edin"),
"Stat_YearRange": ("The year must be from {0} to {1}", "Год должен быть от {0} до {1}", "İl {0} ilə {1} arasında olmalıdır"),

"AuditAction_statistics_refreshed": ("Statistical facts rebuilt", "Статистические факты перестроены", "Statistik faktlar yenidən quruldu"),
"AuditAction_statistics_drafted": ("Statistical release drafted", "Подготовлен проект статистического выпуска", "Statistik buraxılışın layihəsi hazırlandı"),
"AuditAction_statistics_refused": ("Statistical release refused by the register", "Статистический выпуск отклонён реестром", "Statistik buraxılış reyestr tərəfindən rədd edildi"),
"AuditAction_statistics_approved": ("Statistical release approved", "Статистический выпуск утверждён", "Statistik buraxılış təsdiq edildi"),
"AuditAction_statistics_published": ("Statistical release published", "Статистический выпуск опубликован", "Statistik buraxılış dərc edildi"),
"AuditAction_statistics_discarded": ("Statistical release discarded", "Статистический выпуск отменён", "Statistik buraxılış ləğv edildi"),
"AuditAction_statistics_viewed": ("Statistics dashboard viewed", "Просмотрена панель статистики", "Statistika paneli baxıldı"),
"AuditAction_statistics_exported": ("Statistical tables downloaded", "Статистические таблицы скачаны", "Statistik cədvəllər endirildi"),
"AuditPurpose_statistics_production": ("Producing official statistics", "Подготовка официальной статистики", "Rəsmi statistikanın hazırlanması"),
"AuditPurpose_statistics_differencing": ("Protecting a hidden cell from differencing", "Защита скрытой ячейки от вычитания", "Gizli xananın çıxma yolu ilə açılmasından qorunması"),
"AuditPurpose_statistics_four_eyes": ("Second person's approval", "Утверждение вторым лицом", "İkinci şəxsin təsdiqi"),
"AuditPurpose_statistics_dashboard": ("Reading one's own figures", "Просмотр собственных показателей", "Öz göstəricilərinə baxış"),

"Stat_T_VictimsStageSex": ("Victims by stage and sex", "Жертвы по этапу и полу", "Qurbanlar mərhələ və cinsə görə"),
"Stat_T_VictimsSexAge": ("Identified victims by age and sex", "Установленные жертвы по возрасту и полу", "Müəyyən edilmiş qurbanlar yaş və cinsə görə"),
"Stat_T_VictimsExploitationSex": ("Identified victims by form of exploitation and sex", "Установленные жертвы по форме эксплуатации и полу", "Müəyyən edilmiş qurbanlar istismar forması və cinsə görə"),
"Stat_T_VictimsCitizenshipSex": ("Identified victims by citizenship and sex", "Установленные жертвы по гражданству и полу", "Müəyyən edilmiş qurbanlar vətəndaşlıq və cinsə görə"),
"Stat_T_VictimsCountry": ("Identified victims by country and form of exploitation", "Установленные жертвы по стране и форме эксплуатации", "Müəyyən edilmiş qurbanlar ölkə və istismar formasına görə"),
"Stat_T_VictimsReferredStage": ("Victims by how they came and stage", "Жертвы по способу обращения и этапу", "Qurbanlar müraciət yolu və mərhələyə görə"),
"Stat_T_ReferralsSourceAck": ("Referrals by source and time to acknowledge", "Направления по источнику и времени подтверждения", "Göndərişlər mənbə və qəbul müddətinə görə"),
"Stat_T_ReferralsSourceDecision": ("Referrals by source and time to decision", "Направления по источнику и времени до решения", "Göndərişlər mənbə və qərar müddətinə görə"),
"Stat_T_ShelterAdmissions": ("Shelter admissions", "Размещения в приютах", "Sığınacaqlara yerləşdirmələr"),
"Stat_T_ShelterDischarges": ("Shelter discharges by destination", "Выбытия из приютов по направлению", "Sığınacaqdan çıxışlar istiqamətə görə"),
"Stat_T_ShelterNights": ("Nights stayed in shelters", "Ночей проведено в приютах", "Sığınacaqlarda keçirilən gecələr"),
"Stat_T_HelplineChannel": ("Helpline contacts by channel", "Обращения на горячую линию по каналу", "Qaynar xəttə müraciətlər kanala görə"),
"Stat_T_HelplineSubject": ("Helpline contacts by subject and channel", "Обращения на горячую линию по теме и каналу", "Qaynar xəttə müraciətlər mövzu və kanala görə"),
"Stat_T_FilesStage": ("Criminal files by stage", "Уголовные дела по стадии", "Cinayət işləri mərhələyə görə"),
"Stat_T_FilesOffence": ("Criminal files by offence", "Уголовные дела по статье", "Cinayət işləri maddəyə görə"),
"Stat_T_SuspectsOutcome": ("Suspects by outcome and sex", "Подозреваемые по исходу и полу", "Şübhəlilər nəticə və cinsə görə"),
"Stat_T_Sentences": ("Convictions by length of sentence", "Осуждённые по сроку наказания", "Məhkum edilənlər cəza müddətinə görə"),
"Stat_T_NonPunishment": ("Victims not punished for offences they were compelled to commit", "Жертвы, освобождённые от наказания за вынужденные правонарушения", "Məcburən törətdikləri hüquqpozmalara görə cəzalandırılmayan qurbanlar"),
"Stat_T_ServicesType": ("Services by type and status", "Услуги по виду и статусу", "Xidmətlər növ və statusa görə"),
"Stat_T_Compensation": ("Compensation claims by stage", "Требования о компенсации по стадии", "Kompensasiya tələbləri mərhələyə görə"),
"Stat_T_Training": ("Training certificates by institution and topic", "Сертификаты обучения по учреждению и теме", "Təlim sertifikatları qurum və mövzuya görə"),
"Stat_T_Resources": ("Resources by type and currency (amounts)", "Ресурсы по виду и валюте (суммы)", "Resurslar növ və valyutaya görə (məbləğlər)"),

"Stat_Category_direct": ("Came directly", "Обратились напрямую", "Birbaşa müraciət edib"),
"Stat_Category_ack-1h": ("Within 1 hour", "В течение 1 часа", "1 saat ərzində"),
"Stat_Category_ack-4h": ("Within 4 hours", "В течение 4 часов", "4 saat ərzində"),
"Stat_Category_ack-24h": ("Within 24 hours", "В течение 24 часов", "24 saat ərzində"),
"Stat_Category_ack-later": ("After 24 hours", "Позже 24 часов", "24 saatdan sonra"),
"Stat_Category_ack-pending": ("Not yet acknowledged", "Ещё не подтверждено", "Hələ qəbul edilməyib"),
"Stat_Stage_decision-1d": ("Decided within a day", "Решено в течение суток", "Bir gün ərzində qərar verilib"),
"Stat_Stage_decision-7d": ("Decided within a week", "Решено в течение недели", "Bir həftə ərzində qərar verilib"),
"Stat_Stage_decision-30d": ("Decided within 30 days", "Решено в течение 30 дней", "30 gün ərzində qərar verilib"),
"Stat_Stage_decision-later": ("Decided after 30 days", "Решено позже 30 дней", "30 gündən sonra qərar verilib"),
"Stat_Stage_decision-pending": ("No decision yet", "Решения ещё нет", "Hələ qərar yoxdur"),
"Stat_Stage_staying": ("Still staying", "Ещё проживают", "Hələ qalır"),
"Stat_Stage_discharged": ("Left the shelter", "Выбыли из приюта", "Sığınacaqdan çıxıb"),
"Stat_Stage_trafficking": ("About trafficking", "О торговле людьми", "İnsan alveri barədə"),
"Stat_Stage_other": ("About something else", "О другом", "Başqa mövzuda"),
"Stat_Stage_non-data": ("Silent, hang-up, abusive or out of scope", "Молчание, сброс, оскорбление или не по теме", "Səssiz, dəstəyi qoyan, təhqiredici və ya mövzudan kənar"),
"Stat_Category_sentence-under-1y": ("Under 1 year", "Менее 1 года", "1 ildən az"),
"Stat_Category_sentence-1-3y": ("1 to 3 years", "От 1 до 3 лет", "1–3 il"),
"Stat_Category_sentence-3-5y": ("3 to 5 years", "От 3 до 5 лет", "3–5 il"),
"Stat_Category_sentence-5-10y": ("5 to 10 years", "От 5 до 10 лет", "5–10 il"),
"Stat_Category_AntiTrafficking": ("Combating trafficking", "Борьба с торговлей людьми", "İnsan alverinə qarşı mübarizə"),
"Stat_Category_ShelterSecurity": ("Shelter security", "Охрана приюта", "Sığınacağın mühafizəsi"),
"Stat_Category_Helpline": ("Helpline work", "Работа на горячей линии", "Qaynar xətt işi"),
"Stat_Category_VictimAssistance": ("Assistance to victims", "Помощь жертвам", "Qurbanlara yardım"),
"Stat_Category_sentence-10y-plus": ("10 years or more", "10 лет и более", "10 il və daha çox"),
"Stat_Title": ("Statistics", "Статистика", "Statistika"),
"Stat_IntroNational": ("The national figures of the period, from every institution's records. A person known to several institutions is counted once.",
    "Национальные показатели за период по записям всех учреждений. Человек, известный нескольким учреждениям, учитывается один раз.",
    "Bütün qurumların qeydlərinə görə dövrün milli göstəriciləri. Bir neçə quruma məlum olan şəxs bir dəfə sayılır."),
"Stat_IntroOwn": ("Your institution's own figures for the period, and the published national releases.",
    "Показатели вашего учреждения за период и опубликованные национальные выпуски.",
    "Qurumunuzun dövr üzrə öz göstəriciləri və dərc olunmuş milli buraxılışlar."),
"Stat_Protection": ("Every figure is protected before it is shown: a count from 1 to {0} less one is hidden (x), other cells are hidden so that it cannot be worked out from the totals, and counts are adjusted slightly, the same way every time. Totals may therefore differ a little from the sum of their cells.",
    "Каждый показатель защищён до показа: число от 1 до {0} минус один скрыто (x), другие ячейки скрыты так, чтобы его нельзя было вычислить из итогов, а числа слегка изменены, всякий раз одинаково. Поэтому итоги могут немного отличаться от суммы ячеек.",
    "Hər göstərici göstərilməzdən əvvəl qorunur: 1-dən {0} minus birə qədər olan say gizlədilir (x), digər xanalar elə gizlədilir ki, onu cəmlərdən hesablamaq olmasın, saylar isə hər dəfə eyni qaydada bir qədər dəyişdirilir. Buna görə cəmlər xanaların cəmindən bir az fərqlənə bilər."),
"Stat_ReleasesLink": ("Releases: draft, approve and publish", "Выпуски: подготовка, утверждение и публикация", "Buraxılışlar: hazırlamaq, təsdiqləmək və dərc etmək"),
"Stat_Period": ("Period", "Период", "Dövr"),
"Stat_Kind_Calendar": ("Calendar year (GRETA)", "Календарный год (GRETA)", "Təqvim ili (GRETA)"),
"Stat_Kind_AprilMarch": ("April to March (US TIP report)", "Апрель–март (доклад TIP США)", "Aprel–mart (ABŞ TIP hesabatı)"),
"Stat_Year": ("Year", "Год", "İl"),
"Stat_YearHint": ("For April to March, the year in which the period starts, for example 2025", "Для периода апрель–март — год его начала, например 2025", "Aprel–mart dövrü üçün onun başladığı il, məsələn 2025"),
"Stat_Show": ("Show", "Показать", "Göstər"),
"Stat_NoFigures": ("There are no figures for this period.", "За этот период показателей нет.", "Bu dövr üçün göstərici yoxdur."),
"Stat_Published": ("Published releases", "Опубликованные выпуски", "Dərc olunmuş buraxılışlar"),
"Stat_NonePublished": ("Nothing has been published yet.", "Пока ничего не опубликовано.", "Hələ heç nə dərc olunmayıb."),
"Stat_ReleasesTitle": ("Statistical releases", "Статистические выпуски", "Statistik buraxılışlar"),
"Stat_ReleasesIntro": ("A release is drafted by the office, approved by a Coordinator who did not draft it, then published. Only published releases leave the office: in the API, the annual report and the exchange files.",
    "Выпуск готовит аппарат, утверждает координатор, который его не готовил, затем он публикуется. За пределы аппарата выходят только опубликованные выпуски: в API, ежегодный доклад и файлы обмена.",
    "Buraxılışı aparat hazırlayır, onu hazırlamayan koordinator təsdiqləyir, sonra dərc olunur. Aparatdan kənara yalnız dərc olunmuş buraxılışlar çıxır: API-yə, illik hesabata və mübadilə fayllarına."),
"Stat_DraftHeading": ("Draft a release", "Подготовить выпуск", "Buraxılış hazırlamaq"),
"Stat_CarryForward": ("Keep hidden what earlier releases hid", "Скрывать то, что скрыли прежние выпуски", "Əvvəlki buraxılışların gizlətdiyini gizli saxlamaq"),
"Stat_CarryForwardHint": ("A cell an earlier release of an overlapping period hid is hidden again unless enough people lie outside the overlap. Without it, the register refuses a release that would give such a cell away.",
    "Ячейка, скрытая прежним выпуском за пересекающийся период, снова скрывается, если вне пересечения недостаточно людей. Без этого реестр отклонит выпуск, который раскрыл бы такую ячейку.",
    "Üst-üstə düşən dövrün əvvəlki buraxılışında gizlədilmiş xana, üst-üstə düşmədən kənarda kifayət qədər şəxs olmadıqda yenidən gizlədilir. Bu olmadan reyestr belə xananı açan buraxılışı rədd edir."),
"Stat_DraftButton": ("Draft the release", "Подготовить выпуск", "Buraxılışı hazırla"),
"Stat_AllReleases": ("All releases", "Все выпуски", "Bütün buraxılışlar"),
"Stat_NoReleases": ("No release has been drafted yet.", "Ни один выпуск ещё не подготовлен.", "Hələ heç bir buraxılış hazırlanmayıb."),
"Stat_Number": ("Number", "Номер", "Nömrə"),
"Stat_Status": ("Status", "Статус", "Status"),
"Stat_DraftedAt": ("Drafted", "Подготовлен", "Hazırlanıb"),
"Stat_ApprovedAt": ("Approved", "Утверждён", "Təsdiqlənib"),
"Stat_PublishedAt": ("Published", "Опубликован", "Dərc olunub"),
"Stat_Status_Draft": ("Draft", "Проект", "Layihə"),
"Stat_Status_Approved": ("Approved", "Утверждён", "Təsdiqlənib"),
"Stat_Status_Published": ("Published", "Опубликован", "Dərc olunub"),
"Stat_Status_Discarded": ("Discarded", "Отменён", "Ləğv edilib"),
"Stat_BackToDashboard": ("Back to the statistics", "Назад к статистике", "Statistikaya qayıt"),
"Stat_Drafted": ("The release is drafted. A Coordinator who did not draft it approves it.", "Выпуск подготовлен. Его утверждает координатор, который его не готовил.", "Buraxılış hazırlandı. Onu hazırlamayan koordinator təsdiqləyir."),
"Stat_Conflict": ("{0}: {1} – {2} was hidden in release {3} and would be given away by difference", "{0}: {1} – {2} скрыто в выпуске {3} и раскрылось бы вычитанием", "{0}: {1} – {2} {3} buraxılışında gizlədilib və çıxma yolu ilə açılardı"),
"Stat_ReleaseTitle": ("Release {0}", "Выпуск {0}", "Buraxılış {0}"),
"Stat_Hidden": ("Cells hidden", "Скрытые ячейки", "Gizlədilmiş xanalar"),
"Stat_HiddenValue": ("{0}, of which {1} kept hidden as in earlier releases", "{0}, из них {1} скрыты, как в прежних выпусках", "{0}, onlardan {1} əvvəlki buraxılışlarda olduğu kimi gizli saxlanılıb"),
"Stat_NeedsSecond": ("You drafted this release: another Coordinator approves it.", "Вы подготовили этот выпуск: его утверждает другой координатор.", "Bu buraxılışı siz hazırlamısınız: onu başqa koordinator təsdiqləyir."),
"Stat_Approve": ("Approve", "Утвердить", "Təsdiqlə"),
"Stat_Publish": ("Publish", "Опубликовать", "Dərc et"),
"Stat_Discard": ("Discard", "Отменить", "Ləğv et"),
"Stat_DownloadXlsx": ("Download all tables (XLSX)", "Скачать все таблицы (XLSX)", "Bütün cədvəlləri endir (XLSX)"),
"Stat_DownloadCsv": ("Download “{0}” (CSV)", "Скачать «{0}» (CSV)", "“{0}” endir (CSV)"),
"Stat_Approved": ("The release is approved and can be published.", "Выпуск утверждён и может быть опубликован.", "Buraxılış təsdiqləndi və dərc oluna bilər."),
"Stat_PublishedNotice": ("The release is published.", "Выпуск опубликован.", "Buraxılış dərc olundu."),
"Stat_DiscardedNotice": ("The release is discarded.", "Выпуск отменён.", "Buraxılış ləğv edildi."),
"Stat_OwnDraft": ("You drafted this release: another Coordinator must approve it.", "Вы подготовили этот выпуск: утвердить его должен другой координатор.", "Bu buraxılışı siz hazırlamısınız: onu başqa koordinator təsdiqləməlidir."),
"Stat_Stale": ("The release changed since you opened it. Look at it again.", "Выпуск изменился после открытия. Посмотрите его ещё раз.", "Buraxılış açdığınızdan sonra dəyişib. Ona yenidən baxın."),
}

# The words of enumerations other modules already translate, under the statistics' keys.
def _copy(module, prefix, dimension, skip=()):
    source = __import__(module).S
    for key, value in source.items():
        if key.startswith(prefix):
            code = key[len(prefix):]
            target = f"Stat_{dimension}_{code}"
            if code not in skip and target not in S:
                S[target] = value

_copy("strings_investigation", "FileStage_", "Stage")
_copy("strings_investigation", "SuspectOutcome_", "Stage")
_copy("strings_investigation", "NonPunishmentDecision_", "Stage")
_copy("strings_services", "GoalStatus_", "Stage")
_copy("strings_services", "CompensationStage_", "Stage")
_copy("strings_resources", "Currency_", "Stage")
_copy("strings_accommodation", "DischargeDestination_", "Category")
_copy("strings_helpline", "ContactChannel_", "Category")
_copy("strings_services", "ServiceType_", "Category")
_copy("strings_resources", "FlowType_", "Category")
