using System.ComponentModel.DataAnnotations;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The helpline's settings (section <c>Helpline</c>).</summary>
public sealed class HelplineOptions
{
    public const string Section = "Helpline";

    /// <summary>The deadline for forwarding a tip the rules forward (consent, third party): 24 hours by default.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan ForwardWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The deadline for a minor or imminent danger, which are forwarded on saving: 15 minutes by default.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "02:00:00")]
    public TimeSpan AtOnceWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a caller flag lasts unless the operator says otherwise: 90 days.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan FlagLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// The shared secret a PBX presents in the <c>X-Helpline-Signature</c> header is not used: the call webhook is
    /// authenticated by an API token with the <c>helpline.calls</c> scope, issued to the helpline's PBX account.
    /// The helpline institution whose contacts the webhook opens, by code (the first active helpline when unset).
    /// </summary>
    [MaxLength(40)]
    public string? InstitutionCode { get; set; }

    /// <summary>Where the web chat's quick exit goes (the chat page is replaced in the browser's history by it).</summary>
    [Required, MaxLength(500)]
    public string QuickExitUrl { get; set; } = "https://www.google.com/";

    /// <summary>The helpline's phone number and SMS number, shown on the chat page (without JavaScript, and out of hours).</summary>
    [MaxLength(40)]
    public string Phone { get; set; } = "152";

    [MaxLength(40)]
    public string SmsNumber { get; set; } = "152";
}
