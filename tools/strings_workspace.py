# UI strings of the frontline workspace (issue 11): layout, time, forms. key -> (en, ru, az).
S = {
"Notice_Title": ("Done", "Готово", "Hazırdır"),
"Layout_Menu": ("Menu", "Меню", "Menyu"),
"Layout_AccountMenu": ("Your account", "Ваша учётная запись", "Hesabınız"),
"Layout_PrintedBy": ("Printed by {0} on {1}. Shows only what this person may read.", "Распечатано: {0}, {1}. Содержит только то, что этому лицу разрешено читать.", "Çap edən: {0}, {1}. Yalnız bu şəxsin oxuya bildiklərini göstərir."),
"Time_In": ("in {0}", "через {0}", "{0} sonra"),
"Time_Ago": ("{0} ago", "{0} назад", "{0} əvvəl"),
"Time_OverdueBy": ("overdue by {0}", "просрочено на {0}", "{0} gecikib"),
"Time_LessThanMinute": ("less than a minute", "меньше минуты", "bir dəqiqədən az"),
"Time_Minutes": ("{0} min", "{0} мин", "{0} dəq"),
"Time_Hours": ("{0} h", "{0} ч", "{0} saat"),
"Time_Days": ("{0} d", "{0} дн.", "{0} gün"),
}
