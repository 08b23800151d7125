using Ariadne.Web.Features.Helpline;

namespace Ariadne.Tests;

/// <summary>The web chat removes contact details from what a visitor writes before it is stored.</summary>
public sealed class ChatScrubberTests
{
    [Theory]
    [InlineData("call me +994 50 123 45 67 tonight", "call me [removed] tonight")]
    [InlineData("my number is 050-123-45-67", "my number is [removed]")]
    [InlineData("(012) 555 12 34", "[removed]")]
    [InlineData("+7 (916) 123-45-67", "[removed]")]
    [InlineData("write to aygun.m@example.az please", "write to [removed] please")]
    [InlineData("ivan (at) mail (dot) ru", "[removed]")]
    [InlineData("see https://example.com/x?y=1 now", "see [removed] now")]
    [InlineData("www.example.org", "[removed]")]
    [InlineData("t.me/someone", "[removed]")]
    [InlineData("card 4111 1111 1111 1111", "card [removed]")]
    [InlineData("IBAN AZ21NABZ00000000137010001944", "IBAN [removed]")]
    [InlineData("AZ21 NABZ 0000 0000 1370 1000 1944", "[removed]")]
    public void Contact_details_are_removed(string input, string expected) => Assert.Equal(expected, ChatScrubber.Scrub(input));

    [Theory]
    [InlineData("I am 17 years old and they took my passport in 2024.")]
    [InlineData("Call 102 or 112 if you are in danger.")]
    [InlineData("Məni işə aparıblar, sənədlərimi götürüblər.")]
    [InlineData("Мне 19 лет, я работаю 14 часов в день.")]
    [InlineData("We were 3 people in room 12.")]
    public void Ordinary_words_and_small_numbers_stay(string input) => Assert.Equal(input, ChatScrubber.Scrub(input));
}
