namespace Ariadne.Web.Platform.Ui;

/// <summary>The <c>Ui</c> section: how pages show things to people.</summary>
public sealed class UiOptions
{
    /// <summary>The one zone every time on a page is shown in (IANA id), with its offset. Staff work on Baku time.</summary>
    public string TimeZone { get; set; } = "Asia/Baku";
}
