using Ariadne.Web;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.Extensions.Localization;

namespace Ariadne.Tests;

/// <summary>ASVS 6.1.2 and 6.2.11: the words of the system, the plan, the country and the participants' roles are refused in a password, in az, ru and en.</summary>
public sealed class PasswordContextWordsTests
{
    private sealed class Keys : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, name);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    /// <summary>No database: the institution's words are tested against a real one (IT <c>BreachedPasswordTests</c>).</summary>
    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private static Task<Microsoft.AspNetCore.Identity.IdentityResult> CheckAsync(string password) =>
        new PasswordPolicyValidator(new Keys(), new BreachedPasswords(Microsoft.Extensions.Options.Options.Create(new SecurityOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BreachedPasswords>.Instance), new NoServices()).ValidateAsync(null!, new AriadneUser { UserName = "k.aliyeva", DisplayName = "Kamala Aliyeva" }, password);

    [Theory]
    [InlineData("my müstəntiq pass phrase")]
    [InlineData("ПРОКУРОР и тёплая весна")]
    [InlineData("sığınacaq qapısı açıqdır")]
    [InlineData("insan alveri burada yoxdur")]
    [InlineData("the helpline never sleeps")]
    [InlineData("national coordinator desk")]
    public async Task A_word_of_the_system_or_its_roles_is_refused_in_any_language(string password)
    {
        var result = await CheckAsync(password);
        Assert.Contains(result.Errors, e => e.Code == "PasswordContextWord");
    }

    [Fact]
    public async Task A_passphrase_of_unrelated_words_passes()
    {
        var result = await CheckAsync("correct horse battery staple");
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
