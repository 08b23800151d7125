# Exchange (issue 17 §4): CTDC and HTCDS files in and out, by the operator's verbs. key -> (en, ru, az).
S = {
"AuditAction_exchange_ctdc_imported": ("CTDC file imported as reference data", "Файл CTDC импортирован как справочные данные", "CTDC faylı istinad məlumatı kimi idxal edildi"),
"AuditAction_exchange_ctdc_exported": ("k-anonymised CTDC file exported", "Выгружен k-анонимизированный файл CTDC", "k-anonimləşdirilmiş CTDC faylı ixrac edildi"),
"AuditAction_exchange_htcds_exported": ("Pseudonymised HTCDS file exported", "Выгружен псевдонимизированный файл HTCDS", "Psevdonimləşdirilmiş HTCDS faylı ixrac edildi"),
"AuditAction_exchange_htcds_imported": ("Case opened from an HTCDS file", "Дело открыто из файла HTCDS", "İş HTCDS faylından açıldı"),
"AuditPurpose_exchange_ctdc_reference_data": ("CTDC reference data", "Справочные данные CTDC", "CTDC istinad məlumatı"),
"AuditPurpose_exchange_already_imported": ("The same file was imported before", "Этот файл уже импортирован ранее", "Bu fayl əvvəl idxal edilib"),
"AuditPurpose_exchange_ctdc_contribution": ("Contribution to the CTDC global dataset", "Вклад в глобальный набор данных CTDC", "CTDC qlobal məlumat toplusuna töhfə"),
"AuditPurpose_exchange_htcds_exchange": ("Case data exchange with a partner (HTCDS)", "Обмен данными дел с партнёром (HTCDS)", "Tərəfdaşla iş məlumatlarının mübadiləsi (HTCDS)"),
}
