namespace Ariadne.Web.Platform.Participants;

/// <summary>
/// Where something is (a need, a donor's support, a problem found, a campaign): the whole country, or one of Azerbaijan's economic regions (the division of
/// 7 July 2021, Baku city counted as its own). Stored by name.
/// </summary>
public enum Region
{
    Nationwide = 0,
    Baku = 1,
    AbsheronKhizi = 2,
    MountainousShirvan = 3,
    GanjaDashkasan = 4,
    GazakhTovuz = 5,
    GubaKhachmaz = 6,
    LankaranAstara = 7,
    CentralAran = 8,
    Karabakh = 9,
    MilMughan = 10,
    ShakiZagatala = 11,
    EastZangezur = 12,
    ShirvanSalyan = 13,
    Nakhchivan = 14,
}
