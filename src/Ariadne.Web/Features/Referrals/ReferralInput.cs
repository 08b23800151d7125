using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Crypto;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Referrals;

/// <summary>A referral as the form or the API sends it. Validated step by step; all steps again on submit.</summary>
public sealed class ReferralInput
{
    public bool Anonymous { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Patronymic { get; set; }
    [Microsoft.AspNetCore.Mvc.ModelBinder(typeof(Platform.Ui.DatePartsBinder))]
    public string? DateOfBirth { get; set; }
    public string? Sex { get; set; }
    public string? Citizenship { get; set; }
    [Microsoft.AspNetCore.Mvc.ModelBinder(typeof(Platform.Ui.JoinedValuesBinder))]
    public string? Languages { get; set; }
    public bool NeedsInterpreter { get; set; }
    public bool Child { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Phone { get; set; }
    public string? Whereabouts { get; set; }
    public bool? ImmediateDanger { get; set; }
    public string? Danger { get; set; }
    public Urgency? Urgency { get; set; }
    public List<string> Indicators { get; set => field = value ?? []; } = [];
    public List<string> Exploitation { get; set => field = value ?? []; } = [];
    public string? Observations { get; set; }
    public ReferralConsent? Consent { get; set; }
    public string? ConsentNote { get; set; }

    /// <summary>HTCDS types of exploitation.</summary>
    public static readonly string[] ExploitationTypes = [.. Platform.Statistics.StatCodes.ExploitationForms];

    /// <summary>The urgency the deadline follows: immediate danger always means "immediate".</summary>
    public Urgency EffectiveUrgency => ImmediateDanger == true ? Referrals.Urgency.Immediate : Urgency ?? Referrals.Urgency.Standard;

    /// <summary>
    /// The urgency the deadline follows on a given day: immediate danger always means "immediate", and a
    /// child (ticked, or under 18 by the date of birth) is never less than "high".
    /// </summary>
    public Urgency EffectiveUrgencyOn(DateOnly today) =>
        EffectiveUrgency == Referrals.Urgency.Standard && IsChildOn(today) ? Referrals.Urgency.High : EffectiveUrgency;

    public Dictionary<string, string[]> Validate(IStringLocalizer text, DateOnly today, ReferralStep? only = null)
    {
        var errors = new Dictionary<string, string[]>();
        bool Check(ReferralStep step) => only is null || only == step;
        void Max(string? value, string field, int length)
        {
            if (value is not null && value.Trim().Length > length)
                errors[field] = [text["Validation_TooLong", length]];
        }

        if (Check(ReferralStep.Person))
        {
            if (!Anonymous)
            {
                var person = new CaseInput
                {
                    GivenName = GivenName,
                    FamilyName = FamilyName,
                    Patronymic = Patronymic,
                    DateOfBirth = DateOfBirth,
                    Sex = Sex,
                    Citizenship = Citizenship,
                    Languages = Languages,
                    DocumentNumber = DocumentNumber,
                    Phone = Phone,
                };
                foreach (var (field, messages) in person.Validate(text, today))
                    errors[field] = messages;
                if (string.IsNullOrWhiteSpace(GivenName) && string.IsNullOrWhiteSpace(FamilyName) && string.IsNullOrWhiteSpace(DocumentNumber))
                    errors.TryAdd(nameof(GivenName), [text["Referral_IdentityOrAnonymous"]]);
            }
            Max(Languages, nameof(Languages), 200);
        }
        if (Check(ReferralStep.Situation))
        {
            if (string.IsNullOrWhiteSpace(Whereabouts))
                errors[nameof(Whereabouts)] = [text["Referral_WhereaboutsRequired"]];
            Max(Whereabouts, nameof(Whereabouts), 300);
            if (ImmediateDanger is null)
                errors[nameof(ImmediateDanger)] = [text["Referral_DangerChoose"]];
            else if (ImmediateDanger == true && string.IsNullOrWhiteSpace(Danger))
                errors[nameof(Danger)] = [text["Referral_DangerDescribe"]];
            Max(Danger, nameof(Danger), 2000);
            if (Urgency is { } urgency && !Enum.IsDefined(urgency))
                errors[nameof(Urgency)] = [text["Validation_ValueInvalid"]];
        }
        if (Check(ReferralStep.Indicators))
        {
            if (Indicators.Any(c => c is null || !Identification.Indicators.IsForcedLabour(c)) || Indicators.Count > Identification.Indicators.ForcedLabour.Count)
                errors[nameof(Indicators)] = [text["Validation_ValueInvalid"]];
            else if (Indicators.Count == 0 && string.IsNullOrWhiteSpace(Observations))
                errors[nameof(Indicators)] = [text["Referral_IndicatorsRequired"]];
            if (Exploitation.Any(c => c is null || !ExploitationTypes.Contains(c)) || Exploitation.Count > ExploitationTypes.Length)
                errors[nameof(Exploitation)] = [text["Validation_ValueInvalid"]];
            Max(Observations, nameof(Observations), 4000);
        }
        if (Check(ReferralStep.Consent))
        {
            if (Consent is not { } consent || !Enum.IsDefined(consent))
                errors[nameof(Consent)] = [text["Referral_ConsentChoose"]];
            Max(ConsentNote, nameof(ConsentNote), 1000);
        }
        return errors;
    }

    /// <summary>The content to encrypt. An anonymous referral keeps no identifying field, whatever was typed.</summary>
    public ReferralContent ToContent() => new()
    {
        GivenName = Anonymous ? null : Clean(GivenName),
        FamilyName = Anonymous ? null : Clean(FamilyName),
        Patronymic = Anonymous ? null : Clean(Patronymic),
        DateOfBirth = Anonymous ? null : Clean(DateOfBirth),
        Sex = Anonymous ? null : Clean(Sex),
        Citizenship = Anonymous ? null : Clean(Citizenship),
        DocumentNumber = Anonymous ? null : Clean(DocumentNumber),
        Phone = Anonymous ? null : Clean(Phone),
        Languages = Clean(Languages),
        Whereabouts = Clean(Whereabouts),
        Danger = ImmediateDanger == true ? Clean(Danger) : null,
        Indicators = Indicators.Distinct(StringComparer.Ordinal).ToList(),
        Exploitation = Exploitation.Distinct(StringComparer.Ordinal).ToList(),
        Observations = Clean(Observations),
        ConsentNote = Clean(ConsentNote),
    };

    public bool IsChildOn(DateOnly today) => Child || (!Anonymous && CaseInput.IsChild(Clean(DateOfBirth), today));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The blind indexes of what was given, for the duty desk's duplicate check.</summary>
    public (byte[]? Document, byte[]? Phone) Indexes(BlindIndex index) =>
        Anonymous ? (null, null) : (index.DocumentNumber(DocumentNumber), index.Phone(Phone));
}
