using System.Globalization;
using System.Text;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The password policy beyond length (ASVS 5.0 6.2.4, 6.2.11, 6.2.12; NIST SP 800-63B 3.1.1.2): no composition rules
/// (a few unrelated words pass), but a password is refused when it is, under its digits, symbols and look-alike
/// substitutions, one of the 3,300 most common passwords (John the Ripper's list, shipped with the application) or a
/// repetition of one, a keyboard or alphabet run, or when it contains the user's own name or user name or the words of
/// this system and its country, or when it is in the operator's offline set of breached passwords
/// (<see cref="BreachedPasswords"/>, <c>Security:BreachedPasswordsFile</c>). Nothing here is logged.
/// </summary>
public sealed class PasswordPolicyValidator(
    IStringLocalizer<SharedResource> text, BreachedPasswords breached, IServiceProvider services)
    : IPasswordValidator<AriadneUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(PasswordPolicyValidator).Assembly.GetManifestResourceStream("Ariadne.Web.Platform.Security.CommonPasswords.txt")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#')
                set.Add(line);
        return set;
    });

    /// <summary>
    /// Words of the product, the plan, the country and the participants' roles and institutions, in az, ru and en (ASVS 6.1.2;
    /// docs/security.md lists them): the first guesses of anyone attacking this system. Checked as parts of the password.
    /// </summary>
    internal static readonly string[] SystemWords =
    [
        "ariadne", "azerbaijan", "azərbaycan", "azerbaycan", "baku", "bakı", "trafficking", "referral", "password", "parol",
        "şifrə", "sifre", "пароль", "азербайджан", "баку",
        "insan alveri", "insanalveri", "alveri", "торговля людьми", "торговлялюдьми", "торговл",
        "coordinator", "koordinator", "координатор", "investigator", "müstəntiq", "mustentiq", "следовател",
        "prosecutor", "prokuror", "прокурор", "shelter", "sığınacaq", "siginacaq", "приют", "helpline", "qaynar", "горяч",
        "administrator", "inzibatçı", "inzibatci", "администратор", "auditor", "аудитор", "analyst", "analitik", "аналитик",
        "police", "polis", "полиц", "ministry", "nazirlik", "министерств",
    ];

    private static readonly string[] Runs = ["qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "01234567890", "йцукенгшщзхъфывапролджэячсмитьбю", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"];

    public async Task<IdentityResult> ValidateAsync(UserManager<AriadneUser> manager, AriadneUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return IdentityResult.Success; // the length rule answers
        var lower = password.ToLower(CultureInfo.InvariantCulture);
        var errors = new List<IdentityError>();

        var personal = new List<string>();
        if (user.UserName is { } userName)
            personal.AddRange(userName.ToLower(CultureInfo.InvariantCulture).Split(['.', '-', '_', '@'], StringSplitOptions.RemoveEmptyEntries));
        if (user.Email is { } email)
            personal.AddRange(email.ToLower(CultureInfo.InvariantCulture).Split('@')[0].Split(['.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries));
        personal.AddRange(user.DisplayName.ToLower(CultureInfo.InvariantCulture).Split([' ', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries));
        // The words of the user's own institution's name ("Bakı Şəhər Sığınacağı"): the next guess after the user's name.
        if (user.InstitutionId != Guid.Empty && services.GetService<Data.AriadneDbContext>() is { } db
            && await db.Institutions.AsNoTracking().Where(i => i.Id == user.InstitutionId).Select(i => i.Name).FirstOrDefaultAsync() is { } institution)
            personal.AddRange(institution.ToLower(CultureInfo.InvariantCulture).Split([' ', '-', '.', ',', '"', '«', '»', '(', ')', '№'], StringSplitOptions.RemoveEmptyEntries));
        var unleeted = Unleet(lower);
        if (SystemWords.Concat(personal).Any(w => w.Length >= 4 && (lower.Contains(w, StringComparison.Ordinal) || unleeted.Contains(w, StringComparison.Ordinal))))
            errors.Add(new IdentityError { Code = "PasswordContextWord", Description = text["Identity_PasswordContextWord"] });

        if (IsCommon(lower))
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = text["Identity_PasswordCommon"] });
        else if (breached.Filter?.Contains(password) == true)
            errors.Add(new IdentityError { Code = "PasswordBreached", Description = text["Identity_PasswordBreached"] });
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    /// <summary>True for a common password under decoration: its letters (look-alikes undone) or its bare form is on the list, a repetition of an entry, or a run.</summary>
    internal static bool IsCommon(string lower)
    {
        var bare = new string([.. lower.Where(char.IsLetterOrDigit)]);
        var letters = new string([.. Unleet(lower).Where(char.IsLetter)]);
        // The word under a decoration of digits and symbols before or after it: "P@ssw0rd123456789!" is "password".
        var core = new string([.. Unleet(lower.Trim(Decoration)).Where(char.IsLetter)]);
        foreach (var form in new[] { bare, letters, core }.Where(f => f.Length > 0).Distinct())
        {
            if (Common.Value.Contains(form) || IsRepetition(form) || Runs.Any(r => r.Contains(form, StringComparison.Ordinal) || Reverse(r).Contains(form, StringComparison.Ordinal)))
                return true;
        }
        // Mostly digits: a date, a phone or a count padded to length is not a secret.
        return bare.Length > 0 && bare.Count(char.IsDigit) * 4 >= bare.Length * 3;
    }

    private static readonly char[] Decoration = [.. "0123456789!@#$%^&*()_+-=.,;:?/\\|'\" ~`[]{}<>"];

    private static bool IsRepetition(string form)
    {
        for (var size = 1; size <= form.Length / 2; size++)
        {
            if (form.Length % size != 0)
                continue;
            var unit = form[..size];
            if (string.Concat(Enumerable.Repeat(unit, form.Length / size)) == form && (size <= 8 || Common.Value.Contains(unit)))
                return true;
        }
        return false;
    }

    private static string Unleet(string s) => new([.. s.Select(c => c switch
    {
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' or '+' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => c,
    })]);

    private static string Reverse(string s)
    {
        var a = s.ToCharArray();
        Array.Reverse(a);
        return new string(a);
    }
}
