using System.ComponentModel.DataAnnotations;
using Ariadne.Web.Features.Helpline;

namespace Ariadne.Tests;

public sealed class HelplineOptionsTests
{
    private static List<ValidationResult> Validate(HelplineOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void The_defaults_pass_and_each_duration_outside_its_bounds_is_refused_by_name()
    {
        Assert.Empty(Validate(new HelplineOptions()));
        Assert.Equal([nameof(HelplineOptions.ForwardWithin)], Validate(new HelplineOptions { ForwardWithin = TimeSpan.FromMinutes(4) }).SelectMany(r => r.MemberNames));
        Assert.Equal([nameof(HelplineOptions.AtOnceWithin)], Validate(new HelplineOptions { AtOnceWithin = TimeSpan.FromHours(3) }).SelectMany(r => r.MemberNames));
        Assert.Equal([nameof(HelplineOptions.FlagLifetime)], Validate(new HelplineOptions { FlagLifetime = TimeSpan.FromHours(23) }).SelectMany(r => r.MemberNames));
        Assert.Equal([nameof(HelplineOptions.MinRestBetweenShifts)], Validate(new HelplineOptions { MinRestBetweenShifts = TimeSpan.FromHours(-1) }).SelectMany(r => r.MemberNames));
        Assert.Equal([nameof(HelplineOptions.ShiftMaxLength)], Validate(new HelplineOptions { ShiftMaxLength = TimeSpan.FromDays(2) }).SelectMany(r => r.MemberNames));
        Assert.Empty(Validate(new HelplineOptions { ForwardWithin = TimeSpan.FromDays(7), AtOnceWithin = TimeSpan.FromMinutes(1) })); // the bounds themselves
    }
}
