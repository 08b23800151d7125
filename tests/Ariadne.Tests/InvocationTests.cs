using Ariadne.Web.Platform;

namespace Ariadne.Tests;

public sealed class InvocationTests
{
    [Fact]
    public void Demo_flag_is_taken_out_of_the_host_arguments()
    {
        var invocation = Invocation.Parse(["--demo", "--urls", "http://127.0.0.1:5000"]);
        Assert.True(invocation.Demo);
        Assert.Null(invocation.Verb);
        Assert.Equal(["--urls", "http://127.0.0.1:5000"], invocation.HostArgs);
    }

    [Fact]
    public void A_leading_word_is_a_verb()
    {
        var invocation = Invocation.Parse(["migrate"]);
        Assert.Equal("migrate", invocation.Verb);
        Assert.False(invocation.Demo);
    }
}
