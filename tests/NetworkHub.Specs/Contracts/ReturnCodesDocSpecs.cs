using System.Text;
using NetworkHub.Contracts.V1;

namespace NetworkHub.Specs.Contracts;

public class ReturnCodesDocSpecs
{
    [Fact]
    public void Return_codes_doc_lists_every_code_with_its_texts_and_class() =>
        GeneratedDocs.AssertCurrent(Path.Combine("docs", "return-codes.md"), Render());

    private static string Render()
    {
        var doc = new StringBuilder();
        doc.Append("""
            # Return codes

            Every message the hub or a recipient refuses reaches its sender as a `ReturnMessage` with one of these
            codes, modelled on the national youth-care message standard's return codes. `Transient` means sending the
            same message again later may succeed; `Fatal` means it must be corrected (or the situation must change)
            first. The `Code` value is part of the wire and is never reused. This page is generated from
            `ReturnCodes.All` (contracts/NetworkHub.Contracts/V1/ReturnCode.cs); a spec keeps the two in step.

            | Id | Code | Nederlands | English | Class |
            |---|---|---|---|---|

            """.Replace("\r", ""));
        foreach (var code in ReturnCodes.All)
        {
            doc.Append($"| {code.Id} | `{code.Code}` ({(int)code.Code}) | {code.Dutch} | {code.English} | {code.Class} |\n");
        }

        return doc.ToString();
    }
}
