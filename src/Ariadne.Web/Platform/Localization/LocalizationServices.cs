using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Ariadne.Web.Platform.Localization;

/// <summary>
/// Azerbaijani (default), Russian and English. The choice is kept in a cookie; API clients may send
/// Accept-Language instead. Nothing in code assumes a language: every string comes from resources.
/// </summary>
public static class LocalizationServices
{
    public const string DefaultCulture = "az";
    public static IReadOnlyList<string> Cultures { get; } = ["az", "ru", "en"];

    public static bool IsSupported(string? culture) => culture is not null && Cultures.Contains(culture, StringComparer.Ordinal);

    public static IServiceCollection AddAriadneLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(ChatCultureAsync),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(ApiAcceptLanguageAsync),
            ];
        });
        return services;
    }

    private static readonly AcceptLanguageHeaderRequestCultureProvider AcceptLanguage = new();

    /// <summary>
    /// The anonymous web chat (<c>/chat</c>) takes its language from the address (<c>?lang=ru</c>) or, for its JSON calls, the
    /// <c>X-Chat-Lang</c> header: switching language there writes no cookie, so the browser keeps nothing of the visit.
    /// </summary>
    private static Task<ProviderCultureResult?> ChatCultureAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/chat", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult<ProviderCultureResult?>(null);
        string? lang = context.Request.Query["lang"];
        lang ??= context.Request.Headers["X-Chat-Lang"];
        return Task.FromResult(IsSupported(lang) ? new ProviderCultureResult(lang) : null);
    }

    /// <summary>People get Azerbaijani until they choose; machine clients may ask by header.</summary>
    private static Task<ProviderCultureResult?> ApiAcceptLanguageAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
            ? AcceptLanguage.DetermineProviderCultureResult(context)
            : Task.FromResult<ProviderCultureResult?>(null);
}
