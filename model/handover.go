package model

// Handover is a sequence flow whose source and target sit in different lanes:
// the moment work passes from one role to another.
type Handover struct {
	Flow     *Flow
	FromLane *Lane
	ToLane   *Lane
}

// Handovers lists the handovers of d in flow order. Nodes outside any lane
// take no part; nested lanes count as different lanes.
func (d *Definitions) Handovers() []Handover {
	var out []Handover
	for _, f := range d.Flows {
		if f.Kind != SequenceFlow {
			continue
		}
		from, to := d.LaneOf(f.Source), d.LaneOf(f.Target)
		if from != nil && to != nil && from != to {
			out = append(out, Handover{Flow: f, FromLane: from, ToLane: to})
		}
	}
	return out
}

// RoleName is the name a lane's role goes by: its Role, else its Name.
func (l *Lane) RoleName() string {
	if l.Role != "" {
		return l.Role
	}
	return l.Name
}
