using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>
/// One person's browser, without JavaScript: cookies are kept, redirects are not followed unless
/// asked, and forms are submitted with the fields (antiforgery token included) the page rendered.
/// </summary>
public sealed class WebSession : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public WebSession(AriadneApp app, string? culture, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        if (culture is not null)
            Cookies.Add(new Uri("http://localhost/"), new Cookie(".AspNetCore.Culture", Uri.EscapeDataString($"c={culture}|uic={culture}")));
        Client = app.CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(Cookies));
    }

    public CookieContainer Cookies { get; }
    public HttpClient Client { get; }

    public async Task<Page> GetAsync(string url, bool follow = true)
    {
        var response = await Client.GetAsync(url);
        return follow ? await FollowAsync(response) : await Page.ReadAsync(response);
    }

    /// <summary>Fills the form found by <paramref name="formSelector"/> on the page and submits it.</summary>
    public async Task<Page> SubmitAsync(Page page, string formSelector, IDictionary<string, string>? values = null, bool follow = true,
        IReadOnlyList<(string Field, string Name, byte[] Content)>? files = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                continue;
            if (values?.ContainsKey(input.Name!) == true)
                continue;
            fields.Add(new(input.Name!, input.Value));
        }
        foreach (var select in form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>())
            if (values?.ContainsKey(select.Name!) != true)
                fields.Add(new(select.Name!, select.Value ?? ""));
        // Like a click on the form's first submit button: its name and value go with the form.
        if (form.QuerySelector("button[type=submit][name]") is { } button && values?.ContainsKey(button.GetAttribute("name")!) != true)
            fields.Add(new(button.GetAttribute("name")!, button.GetAttribute("value") ?? ""));
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
            foreach (var part in value.Split('\u001f'))
                fields.Add(new(key, part));

        // The first submit button's formaction, if it has one, overrides the form's action, as in a browser.
        var action = form.QuerySelector("button[type=submit]")?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : action;
        HttpContent body = new FormUrlEncodedContent(fields);
        if (files is not null)
        {
            // As a browser sends a form with file inputs: multipart, each file as its own part.
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in fields)
                multipart.Add(new StringContent(value), key);
            foreach (var (field, name, content) in files)
                multipart.Add(new ByteArrayContent(content), field, name);
            body = multipart;
        }
        var response = await Client.PostAsync(target, body);
        return follow ? await FollowAsync(response) : await Page.ReadAsync(response);
    }

    /// <summary>Joins several values for one field name (checkbox lists).</summary>
    public static string Many(params string[] values) => string.Join('\u001f', values);

    public async Task<Page> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10 && (int)response.StatusCode is >= 300 and < 400; hops++)
        {
            var location = response.Headers.Location!;
            response = await Client.GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        }
        return await Page.ReadAsync(response);
    }

    public void Dispose() => Client.Dispose();

    public sealed record Page(HttpResponseMessage Response, string Html, IHtmlDocument Document, string Url)
    {
        public HttpStatusCode Status => Response.StatusCode;
        public string Path => new Uri(new Uri("http://localhost"), Url).AbsolutePath;
        public string Text => Document.Body?.TextContent ?? "";
        public string? Location => Response.Headers.Location?.OriginalString;
        public IReadOnlyList<string> Errors => Document.QuerySelectorAll(".govuk-error-summary li").Select(e => e.TextContent.Trim()).ToList();
        /// <summary>The error shown beside a field, without the "Error:" prefix meant for screen readers.</summary>
        public string? FieldError(string id)
        {
            var element = Document.QuerySelector($"#{id}-error");
            if (element is null)
                return null;
            var prefix = element.QuerySelector(".govuk-visually-hidden")?.TextContent ?? "";
            return element.TextContent.Trim()[prefix.Length..].Trim();
        }

        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            var url = response.RequestMessage!.RequestUri!.PathAndQuery;
            return new Page(response, html, Parser.ParseDocument(html), url);
        }
    }
}
