namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The reliability grading of link-analysis entities and links (section "Grading"): a source evaluation scale, an
/// information assessment scale and handling codes. The default is the UK 5×5×5 (A–E, 1–5, H1–H5); a deployment may
/// configure another (for example the 3×5×2) by listing its codes and labels. A reliability grade is a source code
/// followed by an information code ("B2").
/// </summary>
public sealed class GradingOptions
{
    public const string Section = "Grading";

    public List<Grade> Source { get; set; } = [];
    public List<Grade> Information { get; set; } = [];
    public List<Grade> Handling { get; set; } = [];

    public bool IsReliability(string? code) =>
        code is { Length: >= 2 } && Source.Any(s => code.StartsWith(s.Code, StringComparison.Ordinal) && Information.Any(i => code == s.Code + i.Code));

    public Grade? HandlingOf(string? code) => Handling.FirstOrDefault(h => h.Code == code);

    /// <summary>The 5×5×5 when nothing is configured.</summary>
    public void FillDefaults()
    {
        if (Source.Count == 0)
            Source =
            [
                G("A", "Always reliable", "Всегда надёжный", "Həmişə etibarlı"),
                G("B", "Mostly reliable", "В основном надёжный", "Əsasən etibarlı"),
                G("C", "Sometimes reliable", "Иногда надёжный", "Bəzən etibarlı"),
                G("D", "Unreliable", "Ненадёжный", "Etibarsız"),
                G("E", "Untested source", "Непроверенный источник", "Yoxlanılmamış mənbə"),
            ];
        if (Information.Count == 0)
            Information =
            [
                G("1", "Known to be true without reservation", "Достоверно известно", "Şübhəsiz doğru olduğu məlumdur"),
                G("2", "Known personally to the source, not to the officer", "Известно источнику лично, но не сотруднику", "Mənbəyə şəxsən məlumdur, əməkdaşa yox"),
                G("3", "Not known personally to the source, but corroborated", "Не известно источнику лично, но подтверждено", "Mənbəyə şəxsən məlum deyil, amma təsdiqlənib"),
                G("4", "Cannot be judged", "Невозможно оценить", "Qiymətləndirmək mümkün deyil"),
                G("5", "Suspected to be false or malicious", "Предположительно ложно или злонамеренно", "Yalan və ya qərəzli olduğundan şübhələnilir"),
            ];
        if (Handling.Count == 0)
            Handling =
            [
                G("H1", "May be shared with law enforcement and prosecutors, including abroad", "Можно передавать правоохранительным органам и прокуратуре, в том числе за рубеж", "Hüquq-mühafizə orqanlarına və prokurorluğa, o cümlədən xaricə verilə bilər", export: true, foreign: true),
                G("H2", "May be shared with national non-prosecuting partners", "Можно передавать национальным партнёрам, не осуществляющим уголовное преследование", "Cinayət təqibi aparmayan milli tərəfdaşlara verilə bilər", export: true, foreign: false),
                G("H3", "May be shared with foreign law enforcement on conditions", "Можно передавать иностранным правоохранительным органам на условиях", "Şərtlərlə xarici hüquq-mühafizə orqanlarına verilə bilər", export: true, foreign: true),
                G("H4", "Within the originating agency only", "Только внутри ведомства-источника", "Yalnız mənbə qurumun daxilində", export: false, foreign: false),
                G("H5", "No further dissemination: refer to the originator", "Дальнейшая передача запрещена: обращаться к источнику", "Sonrakı yayım qadağandır: mənbəyə müraciət edin", export: false, foreign: false),
            ];
    }

    private static Grade G(string code, string en, string ru, string az, bool export = true, bool foreign = false) =>
        new() { Code = code, Labels = new() { ["en"] = en, ["ru"] = ru, ["az"] = az }, AllowsExport = export, AllowsForeign = foreign };
}
