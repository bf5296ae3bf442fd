using NetworkHub.Contracts.V1;
using NetworkHub.Core.Routing;
using NetworkHub.Specs.Contracts;

namespace NetworkHub.Specs.Routing;

public class MessageShapeSpecs
{
    private static Signaal Signal => ContractExamples.All.OfType<Signaal>().Single();

    [Fact]
    public void Every_contract_example_has_the_shape_its_contract_asks_for()
    {
        var problems = ContractExamples.All.Select(m => (m.GetType().Name, Problem: MessageShape.FindProblem(m))).Where(p => p.Problem is not null);

        Assert.Empty(problems);
    }

    [Fact]
    public void A_null_recipient_in_the_list_is_named_by_its_position()
    {
        var problem = MessageShape.FindProblem(Signal with { Recipients = ["wijkteam-noord", null!] });

        Assert.Equal("'recipients[1]' is required and may not be null.", problem);
    }

    [Fact]
    public void A_required_text_sent_as_null_is_a_problem()
    {
        Assert.Equal("'category' is required and may not be null.", MessageShape.FindProblem(Signal with { Category = null! }));
    }

    [Fact]
    public void A_null_inside_a_nested_record_is_named_by_its_path()
    {
        var problem = MessageShape.FindProblem(Signal with { FamilyMembers = [null!] });

        Assert.Equal("'familyMembers[0]' is required and may not be null.", problem);
    }

    [Fact]
    public void A_null_in_a_record_inside_a_list_is_named_by_its_path_through_the_list()
    {
        var minutes = ContractExamples.All.OfType<MdoMinutesShared>().Single();
        var problem = MessageShape.FindProblem(minutes with { Actions = [minutes.Actions[0], minutes.Actions[0] with { Description = null! }] });

        Assert.Equal("'actions[1].description' is required and may not be null.", problem);
    }

    [Fact]
    public void Text_holding_a_NUL_character_is_a_problem_wherever_it_is()
    {
        Assert.Equal("'category' holds a NUL character.", MessageShape.FindProblem(Signal with { Category = "zorgen\0" }));
        Assert.Equal("'recipients[0]' holds a NUL character.", MessageShape.FindProblem(Signal with { Recipients = ["wijkteam\0noord"] }));
        Assert.Equal("'subject.senderReference' holds a NUL character.",
            MessageShape.FindProblem(Signal with { Subject = Signal.Subject! with { SenderReference = "\0" } }));
    }

    [Fact]
    public void An_enum_number_the_contract_does_not_define_is_a_problem_and_its_value_is_not_echoed()
    {
        var problem = MessageShape.FindProblem(Signal with { Urgency = (Urgency)999 });

        Assert.Equal("'urgency' has a value its contract does not define.", problem);
        Assert.DoesNotContain("999", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_values_may_be_left_out()
    {
        Assert.Null(MessageShape.FindProblem(Signal with { ConsentReference = null, Subject = Signal.Subject! with { Bsn = null } }));
    }
}
