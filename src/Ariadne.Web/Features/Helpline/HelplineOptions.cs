using System.ComponentModel.DataAnnotations;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The helpline's settings (section <c>Helpline</c>).</summary>
public sealed class HelplineOptions : IValidatableObject
{
    public const string Section = "Helpline";

    /// <summary>The deadline for forwarding a tip the rules forward (consent, third party): 24 hours by default.</summary>
    public TimeSpan ForwardWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The deadline for a minor or imminent danger, which are forwarded on saving: 15 minutes by default.</summary>
    public TimeSpan AtOnceWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a caller flag lasts unless the operator says otherwise: 90 days.</summary>
    public TimeSpan FlagLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// The shared secret a PBX presents in the <c>X-Helpline-Signature</c> header is not used: the call webhook is
    /// authenticated by an API token with the <c>helpline.calls</c> scope, issued to the helpline's PBX account.
    /// The helpline institution whose contacts the webhook opens, by code (the first active helpline when unset).
    /// </summary>
    [MaxLength(40)]
    public string? InstitutionCode { get; set; }

    /// <summary>The least rest between two shifts of one operator: 11 hours.</summary>
    public TimeSpan MinRestBetweenShifts { get; set; } = TimeSpan.FromHours(11);

    /// <summary>The most night shifts in a row (a night shift works at least 3 hours between 00:00 and 06:00 local time): 3.</summary>
    [Range(1, 14)]
    public int MaxConsecutiveNights { get; set; } = 3;

    /// <summary>The most hours one operator works in any 7 days: 48.</summary>
    [Range(1, 168)]
    public int MaxHoursPerRollingWeek { get; set; } = 48;

    /// <summary>The longest shift: 12 hours.</summary>
    public TimeSpan ShiftMaxLength { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The languages someone on shift must speak at every hour (ISO 639-1).</summary>
    public string[] RequiredLanguages { get; set; } = ["az", "ru"];

    /// <summary>The resource key of what the chat page and the phone line say when nobody is on shift (the escalation route).</summary>
    [MaxLength(100)]
    public string OutOfHoursMessage { get; set; } = "Helpline_OutOfHoursMessage";

    /// <summary>Statistics: a count from 1 to this less one is shown as "&lt;N", and no median is computed from fewer contacts.</summary>
    [Range(2, 100)]
    public int SmallCell { get; set; } = 3;

    /// <summary>Where the web chat's quick exit goes (the chat page is replaced in the browser's history by it).</summary>
    [Required, MaxLength(500)]
    public string QuickExitUrl { get; set; } = "https://www.google.com/";

    /// <summary>The helpline's phone number and SMS number, shown on the chat page (without JavaScript, and out of hours).</summary>
    [MaxLength(40)]
    public string Phone { get; set; } = "152";

    [MaxLength(40)]
    public string SmsNumber { get; set; } = "152";

    /// <summary>
    /// The durations' bounds. Checked here rather than by <c>[Range(typeof(TimeSpan), …)]</c>: that attribute converts its bounds
    /// on first use without a lock (dotnet/runtime#1143), and hosts started at the same moment (the integration tests) failed
    /// at start with an InvalidCastException.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, TimeSpan Value, TimeSpan Least, TimeSpan Most)[] bounds =
        [
            (nameof(ForwardWithin), ForwardWithin, TimeSpan.FromMinutes(5), TimeSpan.FromDays(7)),
            (nameof(AtOnceWithin), AtOnceWithin, TimeSpan.FromMinutes(1), TimeSpan.FromHours(2)),
            (nameof(FlagLifetime), FlagLifetime, TimeSpan.FromDays(1), TimeSpan.FromDays(365)),
            (nameof(MinRestBetweenShifts), MinRestBetweenShifts, TimeSpan.Zero, TimeSpan.FromDays(2)),
            (nameof(ShiftMaxLength), ShiftMaxLength, TimeSpan.FromHours(1), TimeSpan.FromDays(1)),
        ];
        foreach (var (name, value, least, most) in bounds)
            if (value < least || value > most)
                yield return new ValidationResult($"The field {name} must be between {least} and {most}.", [name]);
    }
}
