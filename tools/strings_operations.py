# UI strings of the Operations module (issue 18: backup and restore): the audit trail's words. key -> (en, ru, az).
S = {
"AuditAction_backup_written": ("Backup written", "Создана резервная копия", "Ehtiyat nüsxə yazıldı"),
"AuditAction_backup_restored": ("System restored from a backup", "Система восстановлена из резервной копии", "Sistem ehtiyat nüsxədən bərpa edildi"),
"AuditPurpose_backup": ("Backup of the database", "Резервное копирование базы данных", "Verilənlər bazasının ehtiyat nüsxəsi"),
"AuditPurpose_restore": ("Restore from a backup", "Восстановление из резервной копии", "Ehtiyat nüsxədən bərpa"),
"AuditPurpose_erasure_after_restore": ("Erasure carried out again after a restore", "Повторное удаление после восстановления", "Bərpadan sonra silinmənin təkrar icrası"),
}
