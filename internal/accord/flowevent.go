package accord

import (
	"context"
	"time"
)

// FlowEvent is one step of a flow's history: the status it reached, on
// which day, for how much, and who recorded it.
type FlowEvent struct {
	Status    string    `json:"status"`
	Date      Date      `json:"date"`
	AmountUSD string    `json:"amount_usd"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// FlowRecordService reads what MoneyService keeps beside the flows
// themselves: each flow's history and children, and the rates table.
type FlowRecordService interface {
	// FlowHistory returns the steps of a flow the actor may see, oldest first.
	FlowHistory(ctx context.Context, id int64) ([]FlowEvent, error)
	// ChildFlows returns the children of a flow (a parked parent's years,
	// money passed through) that the actor may see.
	ChildFlows(ctx context.Context, id int64) ([]*Flow, error)
	// ListRates returns exchange rates, newest first, of one currency or of all.
	ListRates(ctx context.Context, currency string, limit int) ([]ExchangeRate, error)
}
