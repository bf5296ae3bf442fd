namespace NetworkHub.Specs.Contracts;

public class ContractsDocSpecs
{
    [Fact]
    public void Contracts_doc_shows_the_current_example_of_every_contract() =>
        GeneratedDocs.AssertCurrent(Path.Combine("docs", "contracts.md"), ContractsDoc.Render());

    [Fact]
    public void Contracts_doc_has_a_section_for_every_contract()
    {
        var doc = ContractsDoc.Render();

        Assert.All(ContractRoundTripSpecs.ContractTypes, type => Assert.Contains($"\n### {type.Name}\n", doc, StringComparison.Ordinal));
    }
}
