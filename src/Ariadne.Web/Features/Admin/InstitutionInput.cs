using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Admin;

/// <summary>What an administrator submits to create or change an institution, from a form or the API.</summary>
public sealed class InstitutionInput
{
    public string? Name { get; set; }
    public string? Code { get; set; }
    public InstitutionKind? Kind { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>The one set of rules for both the page and the API. Keys are the field names.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(
        AriadneDbContext db, IStringLocalizer text, Guid? existingId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Name = Name?.Trim();
        Code = Code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(Name))
            errors[nameof(Name)] = [text["Validation_Required"]];
        else if (Name.Length > 200)
            errors[nameof(Name)] = [text["Validation_TooLong", 200]];
        if (string.IsNullOrEmpty(Code))
            errors[nameof(Code)] = [text["Validation_Required"]];
        else if (Code.Length > 32 || !Code.All(c => char.IsLetterOrDigit(c) || c == '-'))
            errors[nameof(Code)] = [text["Institution_CodeFormat"]];
        else if (await db.Institutions.AnyAsync(i => i.Code == Code && i.Id != existingId, cancellationToken))
            errors[nameof(Code)] = [text["Institution_CodeTaken"]];
        if (Kind is null || !Enum.IsDefined(Kind.Value))
            errors[nameof(Kind)] = [text["Validation_Required"]];
        return errors;
    }
}
