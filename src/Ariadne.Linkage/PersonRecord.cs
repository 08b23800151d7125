namespace Ariadne.Linkage;

/// <summary>
/// One person as a register holds them, in the native CSV columns
/// (<c>id,given_name,surname,patronymic,sex,date_of_birth,citizenship,document_number,phone</c>).
/// Any field may be missing. <see cref="Address"/> is an optional extra column (<c>address</c>): where a
/// register holds one, it helps tell namesakes apart.
/// </summary>
public sealed record PersonRecord(
    string Id,
    string? GivenName = null,
    string? Surname = null,
    string? Patronymic = null,
    string? Sex = null,
    string? DateOfBirth = null,
    string? Citizenship = null,
    string? DocumentNumber = null,
    string? Phone = null,
    string? Address = null);
