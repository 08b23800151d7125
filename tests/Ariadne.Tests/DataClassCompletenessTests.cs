using System.Numerics;
using System.Reflection;
using System.Text.RegularExpressions;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Tests;

/// <summary>
/// A field's data class is declared once, by the <see cref="DataClassAttribute"/> on the field (see
/// docs/need-to-know.md, "Data classes: one declaration"). These tests keep it so: every personal
/// column and every record field is classified, the writable input is classified through the records,
/// and no other code writes a field-to-class mapping of its own.
/// </summary>
public sealed partial class DataClassCompletenessTests
{
    private static readonly Assembly Web = typeof(DataClass).Assembly;

    private static readonly Type[] Records = [typeof(CaseRecord), typeof(PersonRecord)];

    private static PropertyInfo[] Properties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>Entities holding personal data: any class with a byte[] property named *Enc or *Index (an encrypted column or a blind index).</summary>
    private static Type[] PersonalEntities() => Web.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract)
        .Where(t => Properties(t).Any(p => p.PropertyType == typeof(byte[]) && (p.Name.EndsWith("Enc", StringComparison.Ordinal) || p.Name.EndsWith("Index", StringComparison.Ordinal))))
        .ToArray();

    private static bool IsSingleClass(DataClass c) => BitOperations.IsPow2((int)c) && (c & DataClass.All) == c;

    [Fact]
    public void The_entities_holding_personal_data_are_found()
    {
        var found = PersonalEntities();
        Assert.Contains(typeof(Person), found);
        Assert.Contains(typeof(ProtectionCase), found);
        Assert.Contains(typeof(Ariadne.Web.Features.Referrals.Referral), found);
        Assert.Contains(typeof(BreakGlassAccess), found);
    }

    [Fact]
    public void Every_property_of_an_entity_holding_personal_data_is_classified_or_marked_not_personal()
    {
        var unclassified = new List<string>();
        foreach (var entity in PersonalEntities())
            foreach (var property in Properties(entity))
            {
                var dataClass = property.GetCustomAttribute<DataClassAttribute>();
                var notPersonal = property.IsDefined(typeof(NotPersonalAttribute));
                if ((dataClass is null) == !notPersonal)
                    unclassified.Add($"{entity.Name}.{property.Name}: {(notPersonal ? "both [DataClass] and [NotPersonal]" : "neither [DataClass] nor [NotPersonal]")}");
                else if (dataClass is not null && (dataClass.Class == DataClass.None || (dataClass.Class & DataClass.All) != dataClass.Class))
                    unclassified.Add($"{entity.Name}.{property.Name}: class {dataClass.Class} is not a data class");
            }
        Assert.Empty(unclassified);
    }

    [Fact]
    public void Every_encrypted_column_and_blind_index_carries_a_data_class()
    {
        var offenders = PersonalEntities().SelectMany(Properties)
            .Where(p => p.PropertyType == typeof(byte[]) && (p.Name.EndsWith("Enc", StringComparison.Ordinal) || p.Name.EndsWith("Index", StringComparison.Ordinal)))
            .Where(p => p.GetCustomAttribute<DataClassAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_field_of_the_case_and_person_records_has_exactly_one_class()
    {
        var offenders = Records.SelectMany(Properties)
            .Where(p => p.GetCustomAttribute<DataClassAttribute>() is not { } a || !IsSingleClass(a.Class) || p.IsDefined(typeof(NotPersonalAttribute)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();
        Assert.Empty(offenders);
        Assert.Equal(Records.Sum(r => Properties(r).Length), CaseProjection.AllFields.Count);
    }

    /// <summary>The record and the entity it is stored in say the same: GivenName and GivenNameEnc, Status and Status.</summary>
    [Theory]
    [InlineData(typeof(PersonRecord), typeof(Person))]
    [InlineData(typeof(CaseRecord), typeof(ProtectionCase))]
    public void A_record_field_and_its_column_have_the_same_class(Type record, Type entity)
    {
        var offenders = new List<string>();
        foreach (var field in Properties(record))
        {
            var column = entity.GetProperty(field.Name + "Enc") ?? entity.GetProperty(field.Name);
            var expected = field.GetCustomAttribute<DataClassAttribute>()?.Class;
            var actual = column?.GetCustomAttribute<DataClassAttribute>()?.Class;
            if (column is null || actual != expected)
                offenders.Add($"{record.Name}.{field.Name} is {expected}, {entity.Name}.{column?.Name ?? field.Name + "(Enc)"} is {actual?.ToString() ?? "unclassified"}");
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void A_blind_index_has_the_class_of_the_field_it_indexes()
    {
        var offenders = new List<string>();
        foreach (var index in PersonalEntities().SelectMany(Properties).Where(p => p.Name.EndsWith("Index", StringComparison.Ordinal)))
        {
            var field = CaseProjection.Name(index.Name[..^"Index".Length]);
            var actual = index.GetCustomAttribute<DataClassAttribute>()?.Class;
            if (!CaseProjection.AllFields.TryGetValue(field, out var expected) || actual != expected)
                offenders.Add($"{index.DeclaringType!.Name}.{index.Name} is {actual}, the field it indexes ({field}) is {(CaseProjection.AllFields.TryGetValue(field, out var e) ? e : "not a record field")}");
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_case_input_maps_to_an_editable_classified_field_and_touches_exactly_its_class()
    {
        var inputs = Properties(typeof(CaseInput));
        Assert.NotEmpty(inputs);
        Assert.Equal(DataClass.None, new CaseInput().Touches());
        var editable = CaseFields.All.Where(f => f.Input != FieldInput.ReadOnly).ToDictionary(f => f.Name);
        foreach (var property in inputs)
        {
            var name = CaseProjection.Name(property.Name);
            Assert.True(editable.TryGetValue(name, out var field), $"CaseInput.{property.Name} has no editable classified field {name} in CaseRecord or PersonRecord");
            var input = new CaseInput();
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(input, type == typeof(string) ? "x" : Activator.CreateInstance(type));
            Assert.True(field!.Class == input.Touches(), $"CaseInput.{property.Name} touches {input.Touches()}, its field is {field.Class}");
        }
        // And the other way: every field the page offers for editing can be sent.
        var missing = editable.Keys.Where(name => inputs.All(p => CaseProjection.Name(p.Name) != name)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_page_fields_come_from_the_records_grouped_by_class_in_declaration_order()
    {
        var declared = CaseProjection.CaseRecordFields.Concat(CaseProjection.PersonRecordFields).ToList();
        Assert.Equal(declared.Select(f => f.Name).Order(StringComparer.Ordinal), CaseFields.All.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var field in CaseFields.All)
        {
            var source = declared.Single(f => f.Name == field.Name);
            Assert.Equal((source.Class, source.Input), (field.Class, field.Input));
        }
        var rank = CaseFields.All.Select(f => (Array.IndexOf(CaseFields.Classes, f.Class), declared.FindIndex(d => d.Name == f.Name))).ToList();
        Assert.Equal(rank.Order(), rank);
        Assert.Equal(Enum.GetValues<DataClass>().Where(IsSingleClass), CaseFields.Classes);
    }

    /// <summary>
    /// Nothing but the attribute declares a class. In src/Ariadne.Web (.cs and .cshtml, comments
    /// ignored), a token <c>DataClass.Member</c> naming a class (not None or All, which name no class)
    /// may appear only:
    /// <list type="bullet">
    /// <item>inside a <c>[DataClass(...)]</c> attribute: the declaration itself;</item>
    /// <item>in the access policy of Platform/Access: the enum (DataClass.cs), the relation matrix
    /// (AccessMatrix.cs) and the break-glass rights (CaseRights.cs), which say which classes a relation opens,
    /// not which class a field has;</item>
    /// <item>as a check of a class a viewer holds: <c>CanRead(DataClass.X)</c>, <c>CanWrite(DataClass.X)</c>,
    /// <c>HasFlag(DataClass.X)</c>, <c>(grant &amp; DataClass.X) == DataClass.X</c> — a service asking whether
    /// the viewer may see its own section (risk assessments are Investigation);</item>
    /// <item>in the few policy expressions listed in <see cref="PolicyUses"/>, each with its reason.</item>
    /// </list>
    /// A hand-written field list such as <c>new("givenName", DataClass.Identity, ...)</c>, a
    /// <c>classes |= DataClass.Identity</c> in an input, a dictionary from names to classes, or an alias
    /// (<c>const DataClass X = DataClass.Identity</c>, <c>using static</c>) is none of these, and fails.
    /// </summary>
    [Fact]
    public void Nothing_but_the_attribute_maps_fields_to_classes()
    {
        string[] policyFiles = [Path.Combine("Platform", "Access", "DataClass.cs"), Path.Combine("Platform", "Access", "AccessMatrix.cs"),
            Path.Combine("Platform", "Access", "CaseRights.cs")];
        var offenders = new List<string>();
        foreach (var file in RepositoryFiles.WebSources(".cs", ".cshtml"))
        {
            var relative = Path.GetRelativePath(RepositoryFiles.WebProject, file);
            if (policyFiles.Contains(relative))
                continue;
            var text = File.ReadAllText(file);
            if (UsingStatic().IsMatch(text))
                offenders.Add($"{relative}: using static DataClass");
            text = Blank(text, LineComment());
            text = Blank(text, Attribute());
            var allowed = Spans(text, Check()).Concat(PolicyUses.SelectMany(p => Spans(text, new Regex(p)))).ToList();
            foreach (Match token in Token().Matches(text))
                if (token.Groups[1].Value is not ("None" or "All") && !allowed.Any(s => s.Start <= token.Index && token.Index < s.End))
                    offenders.Add($"{relative}:{text[..token.Index].Count(c => c == '\n') + 1}: {token.Value}");
        }
        Assert.Empty(offenders);
    }

    /// <summary>
    /// Uses of a class that are policy, not a field's class, each an exact expression with its reason.
    /// They are matched wherever they are (modules get split), but each is narrow enough to map no field.
    /// </summary>
    private static readonly string[] PolicyUses =
    [
        // CaseService: a referral being dispatched is seen by the duty desk as its Status only.
        @"CaseRights\.ForDispatch\(DataClass\.Status, DataClass\.None\)",
        // CaseService: an erased case (its key destroyed) shows its Status fields and nothing else.
        @"rights\.Read & DataClass\.Status\)",
        // OnwardService, Protection.cshtml: an onward referral always shares Status; the Squad chooses the other classes.
        @"\(a, b\) => a \| b\) \| DataClass\.Status;",
        @"share != DataClass\.Status &&",
        @"\(o\.Share \| DataClass\.Status\) & matrix\.Read",
        @"c => c != DataClass\.Status\)",
        // Cases/Detail: which sections the case workspace shows on its overview tab and which on its person tab.
        @"OverviewClasses = \[DataClass\.Status, DataClass\.Investigation, DataClass\.Legal, DataClass\.Care\]",
        @"PersonClasses = \[DataClass\.Identity, DataClass\.ContactLocation, DataClass\.Health\]",
        // Cases/Edit: the section to change when none is named is the case's status.
        @"public DataClass Section \{ get; set; \} = DataClass\.Status;",
    ];

    private static string Blank(string text, Regex regex) =>
        regex.Replace(text, m => new string(m.Value.Select(c => c == '\n' ? '\n' : ' ').ToArray()));

    private static IEnumerable<(int Start, int End)> Spans(string text, Regex regex) =>
        regex.Matches(text).Select(m => (m.Index, m.Index + m.Length));

    [GeneratedRegex(@"\bDataClass\.([A-Z]\w*)")]
    private static partial Regex Token();

    [GeneratedRegex(@"\[DataClass\([^\]\n]*\)\]")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"(?<![:""])//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"using\s+static\s+[\w.]*DataClass\b")]
    private static partial Regex UsingStatic();

    [GeneratedRegex(@"\bCan(?:Read|Write)\(DataClass\.\w+\)|\bHasFlag\(DataClass\.\w+\)|\([\w.]+ & DataClass\.(\w+)\) == DataClass\.\1\b")]
    private static partial Regex Check();
}
